package org.tradewarehouse.ingest;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stops the load before anything is published when lines were rejected, unless the operator accepted that. */
class RejectGateTasklet implements Tasklet {

    private final JdbcTemplate jdbc;
    private final long loadId;
    private final boolean acceptRejects;

    RejectGateTasklet(JdbcTemplate jdbc, long loadId, boolean acceptRejects) {
        this.jdbc = jdbc;
        this.loadId = loadId;
        this.acceptRejects = acceptRejects;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var rejected = jdbc.queryForMap("select count(*) as lines, coalesce(sum(value_eur), 0) as euros"
                + " from staging.reject where load_id = ?", loadId);
        long lines = ((Number) rejected.get("lines")).longValue();
        if (lines > 0 && !acceptRejects) {
            throw new RejectedLinesException(lines, ((Number) rejected.get("euros")).longValue());
        }
        return RepeatStatus.FINISHED;
    }
}
