package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.math.BigDecimal;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;
import static org.tradewarehouse.db.staging.Tables.REJECT;

/** Stops the load before anything is published when lines were rejected, unless the operator accepted that. */
class RejectGateTasklet implements Tasklet {

    /** A load's rejected lines, and the euros of those whose value could still be read. */
    record Rejected(long lines, long euros) {
        static Rejected of(DSLContext dsl, long loadId) {
            var r = dsl.select(count(), coalesce(sum(REJECT.VALUE_EUR), BigDecimal.ZERO)).from(REJECT)
                    .where(REJECT.LOAD_ID.eq(loadId)).fetchSingle();
            return new Rejected(r.value1(), r.value2().longValueExact());
        }
    }

    private final DSLContext dsl;
    private final long loadId;
    private final boolean acceptRejects;

    RejectGateTasklet(DSLContext dsl, long loadId, boolean acceptRejects) {
        this.dsl = dsl;
        this.loadId = loadId;
        this.acceptRejects = acceptRejects;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Rejected rejected = Rejected.of(dsl, loadId);
        if (rejected.lines() > 0 && !acceptRejects) {
            throw new RejectedLinesException(rejected.lines(), rejected.euros());
        }
        return RepeatStatus.FINISHED;
    }
}
