package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.excluded;
import static org.tradewarehouse.db.dw.Tables.LOAD;
import static org.tradewarehouse.db.dw.Tables.LOAD_SLICE;
import static org.tradewarehouse.db.staging.Tables.ANNEX_LABEL;
import static org.tradewarehouse.db.staging.Tables.DIM_KEY;

/**
 * Publishes a staged load in one transaction (the step's): dimensions, then each (year, quarter, flow) slice the
 * load staged replaces the warehouse's slice, and its sums theirs. Readers see the old slices or the new ones, never
 * a mix.
 */
class PublishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final DSLContext dsl;
    private final StagingWriter staging;
    private final JobRepository jobRepository;
    private final Dimensions dimensions;
    private final FactSlices factSlices;
    private final long loadId;
    private final String sources;
    private final String sha256;

    PublishTasklet(DSLContext dsl, DataSource dataSource, StagingWriter staging, JobRepository jobRepository,
                   Dimensions dimensions, long loadId, String sources, String sha256) {
        this.dsl = dsl;
        this.staging = staging;
        this.jobRepository = jobRepository;
        this.dimensions = dimensions;
        this.factSlices = new FactSlices(dsl, dataSource);
        this.loadId = loadId;
        this.sources = sources;
        this.sha256 = sha256;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (dsl.fetchExists(LOAD, LOAD.LOAD_ID.eq(loadId))) {
            // The process died after the publish transaction committed but before the step was marked complete:
            // the facts are in and staging is emptied, so publishing again would find nothing to publish.
            log.info("Load {} was already published; going on to the rankings", loadId);
            return RepeatStatus.FINISHED;
        }
        long start = System.nanoTime();
        var instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance();
        StagedSummary staged = StagedSummary.from(jobRepository.getLastStepExecution(instance, "stageRows").getExecutionContext());
        List<FactSlices.Slice> slices = FactSlices.of(staged);
        List<String> unknown = dimensions.update(loadId, staged, slices);
        if (!unknown.isEmpty()) {
            log.warn("{} code(s) absent from the nomenclatures, loaded with a placeholder label: {}",
                    unknown.size(), Dimensions.describe(unknown));
        }
        var rejected = RejectGateTasklet.Rejected.of(dsl, loadId);
        long rows = staged.rows();
        long rejectedRows = rejected.lines();
        dsl.insertInto(LOAD, LOAD.LOAD_ID, LOAD.SOURCES, LOAD.SHA256, LOAD.ROWS_READ, LOAD.ROWS_LOADED, LOAD.ROWS_REJECTED,
                        LOAD.VALUE_REJECTED_EUR)
                .values(loadId, sources, sha256, rows + rejectedRows, rows, rejectedRows, rejected.euros())
                .onConflictDoNothing().execute();
        for (FactSlices.Slice s : slices) {
            dsl.insertInto(LOAD_SLICE, LOAD_SLICE.YEAR, LOAD_SLICE.QUARTER, LOAD_SLICE.FLOW, LOAD_SLICE.LOAD_ID, LOAD_SLICE.ROWS,
                            LOAD_SLICE.VALUE_EUR)
                    .values((short) (s.timeKey() / 10), (short) (s.timeKey() % 10), String.valueOf(s.flow()), loadId, s.rows(), s.valueEur())
                    .onConflict(LOAD_SLICE.YEAR, LOAD_SLICE.QUARTER, LOAD_SLICE.FLOW).doUpdate()
                    .set(LOAD_SLICE.LOAD_ID, excluded(LOAD_SLICE.LOAD_ID)).set(LOAD_SLICE.ROWS, excluded(LOAD_SLICE.ROWS))
                    .set(LOAD_SLICE.VALUE_EUR, excluded(LOAD_SLICE.VALUE_EUR))
                    .execute();
        }
        long dims = System.nanoTime();
        Optional<List<SliceSums.Sum>> sums = staging.sumsOf(loadId).flatMap(s -> s.of(slices));
        if (sums.isEmpty()) {
            // staged by more than one process: check the rows are all there, then sum them (before they are swapped in)
            log.info("Summing the staged rows of load {} per slice again: the staging was resumed", loadId);
            factSlices.checkStagedFacts(loadId, slices);
        }
        factSlices.replaceSums(loadId, slices, sums);
        long summed = System.nanoTime();
        factSlices.replaceFacts(loadId, slices);
        long swapped = System.nanoTime();
        clearStaging();
        contribution.incrementWriteCount(rows);
        log.info("Published load {}: {} rows in {} quarter slices (dimensions {} s, sums {} s, facts {} s, clean-up {} s)",
                loadId, String.format("%,d", rows), slices.size(), seconds(start, dims), seconds(dims, summed),
                seconds(summed, swapped), seconds(swapped, System.nanoTime()));
        return RepeatStatus.FINISHED;
    }

    private static String seconds(long fromNanos, long toNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", (toNanos - fromNanos) / 1e9);
    }

    /** The load's shadow of the facts (its slices gone to the warehouse), key reservations and labels. */
    private void clearStaging() {
        factSlices.drop(FactSlices.FACTS, loadId);
        dsl.deleteFrom(DIM_KEY).where(DIM_KEY.LOAD_ID.eq(loadId)).execute();
        dsl.deleteFrom(ANNEX_LABEL).where(ANNEX_LABEL.LOAD_ID.eq(loadId)).execute();
    }
}
