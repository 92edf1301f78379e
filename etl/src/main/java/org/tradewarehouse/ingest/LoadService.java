package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.stereotype.Service;
import org.tradewarehouse.warehouse.DatabaseUnreachable;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.splitPart;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;
import static org.tradewarehouse.db.staging.Tables.ANNEX_LABEL;
import static org.tradewarehouse.db.staging.Tables.DIM_KEY;
import static org.tradewarehouse.db.staging.Tables.REJECT;

/**
 * Runs the load job for a set of customs files: one load at a time per database, a failed or killed load of the
 * same files resumed where it stopped, any other unfinished load abandoned and its staged rows dropped.
 */
@Service
public class LoadService {

    private static final Logger log = LoggerFactory.getLogger(LoadService.class);
    private static final int REJECT_SAMPLES = 10;

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job loadJob;
    private final DataSource dataSource;
    private final DSLContext dsl;
    private final LoadProgress progress;
    private final LoadStopper stopper;

    LoadService(JobOperator jobOperator, JobRepository jobRepository, Job loadJob, DataSource dataSource, DSLContext dsl,
                LoadProgress progress, LoadStopper stopper) {
        this.progress = progress;
        this.stopper = stopper;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.loadJob = loadJob;
        this.dataSource = dataSource;
        this.dsl = dsl;
    }

    public LoadOutcome load(List<Path> files, boolean acceptRejects) throws Exception {
        Publication.inspect(files);
        String sha256 = LoadSources.sha256(files);
        var lock = LoadLock.tryAcquire(dataSource);
        if (lock.isEmpty()) {
            return LoadOutcome.busy();
        }
        try (LoadLock held = lock.get()) {
            recoverKilledLoads();
            JobExecution previous = unfinished(sha256, acceptRejects);
            JobExecution execution;
            try {
                if (previous != null) {
                    log.info("Resuming load {} of the same files, stopped at {}", previous.getJobInstanceId(), previous.getEndTime());
                    abandonUnfinishedExcept(previous.getJobInstanceId());
                    execution = jobOperator.restart(previous);
                } else {
                    abandonUnfinishedExcept(-1);
                    JobParameters parameters = new JobParametersBuilder()
                            .addString("sources", LoadSources.parameter(files))
                            .addString("sha256", sha256)
                            .addString("acceptRejects", Boolean.toString(acceptRejects))
                            .addLong("run", System.currentTimeMillis())
                            .toJobParameters();
                    execution = jobOperator.start(loadJob, parameters);
                }
            } finally { // no progress line after the job, and no waiting for it on shutdown, however it ended
                progress.jobReturned();
                stopper.jobReturned();
            }
            return outcome(execution);
        }
    }

    /** A load whose process died still reads as running; holding the lock proves it is not. */
    private void recoverKilledLoads() {
        for (JobExecution running : jobRepository.findRunningJobExecutions(LoadJobConfiguration.JOB_NAME)) {
            log.warn("Load {} was interrupted (its process ended on {}); marking it failed so it can be resumed",
                    running.getJobInstanceId(), running.getLastUpdated());
            jobOperator.recover(running);
        }
    }

    private JobExecution unfinished(String sha256, boolean acceptRejects) {
        for (JobExecution last : lastExecutions()) {
            JobParameters p = last.getJobParameters();
            if (isResumable(last) && sha256.equals(p.getString("sha256"))
                    && Boolean.toString(acceptRejects).equals(p.getString("acceptRejects"))) {
                return last;
            }
        }
        return null;
    }

    private void abandonUnfinishedExcept(long keptInstanceId) {
        for (JobExecution last : lastExecutions()) {
            if (isResumable(last) && last.getJobInstanceId() != keptInstanceId) {
                abandon(last);
            }
        }
    }

    private void abandon(JobExecution execution) {
        try {
            jobOperator.abandon(execution);
        } catch (Exception e) {
            throw new IllegalStateException("could not abandon load " + execution.getJobInstanceId() + ": " + e.getMessage(), e);
        }
        long loadId = execution.getJobInstanceId();
        new FactSlices(dsl, dataSource).drop(FactSlices.FACTS, loadId);
        dsl.deleteFrom(DIM_KEY).where(DIM_KEY.LOAD_ID.eq(loadId)).execute();
        dsl.deleteFrom(ANNEX_LABEL).where(ANNEX_LABEL.LOAD_ID.eq(loadId)).execute();
        log.info("Abandoned the unfinished load {} and dropped its staged rows", execution.getJobInstanceId());
    }

    private List<JobExecution> lastExecutions() {
        List<JobExecution> result = new ArrayList<>();
        for (JobInstance instance : jobRepository.findJobInstances(LoadJobConfiguration.JOB_NAME)) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last != null) {
                result.add(last);
            }
        }
        return result;
    }

    private static boolean isResumable(JobExecution e) {
        return e.getStatus() == BatchStatus.FAILED || e.getStatus() == BatchStatus.STOPPED;
    }

    private LoadOutcome outcome(JobExecution execution) {
        long loadId = execution.getJobInstanceId();
        Duration duration = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
                : Duration.between(execution.getStartTime(), execution.getEndTime());
        boolean published = execution.getStatus() == BatchStatus.COMPLETED;
        Map<String, Duration> steps = new LinkedHashMap<>();
        execution.getStepExecutions().stream()
                .filter(s -> s.getStartTime() != null && s.getEndTime() != null)
                .forEach(s -> steps.put(s.getStepName(), Duration.between(s.getStartTime(), s.getEndTime())));
        var staging = jobRepository.getLastStepExecution(execution.getJobInstance(), "stageRows");
        StagedSummary staged = staging == null ? new StagedSummary() : StagedSummary.from(staging.getExecutionContext());
        List<LoadOutcome.FlowFigures> flows = figures(loadId, staged);
        // what publishing recorded in dw.load_slice, from the same counts
        List<String> slices = !published ? List.of() : FactSlices.of(staged).stream()
                .sorted(Comparator.comparingInt(FactSlices.Slice::timeKey).thenComparing(FactSlices.Slice::flow))
                .map(s -> s.timeKey() / 10 + "-T" + s.timeKey() % 10 + " " + s.flow()).toList();
        List<String> samples = dsl.select(REJECT.FILE, REJECT.LINE, REJECT.REASON, REJECT.RAW).from(REJECT)
                .where(REJECT.LOAD_ID.eq(loadId)).orderBy(REJECT.FILE, REJECT.LINE).limit(REJECT_SAMPLES)
                .fetch(r -> r.value1() + " line " + r.value2() + ": " + r.value3() + ": " + r.value4());
        if (published) {
            return new LoadOutcome(LoadOutcome.Status.PUBLISHED, loadId, flows, slices, samples, null, duration, steps);
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        boolean rejected = failures.stream().anyMatch(t -> explaining(t) instanceof RejectedLinesException);
        if (failures.stream().anyMatch(t -> explaining(t) instanceof StagingLostException)) {
            abandon(execution); // resuming would publish what is left; the files must be read again
        }
        String failure = execution.getStatus() == BatchStatus.STOPPED
                ? "the load was stopped before it published (the process was asked to end); loading the same files"
                + " again resumes it"
                : failures.stream()
                .map(t -> DatabaseUnreachable.describe(t).orElseGet(() -> explaining(t).getMessage()))
                .filter(Objects::nonNull).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("the load stopped with status " + execution.getStatus());
        LoadOutcome.Status status = rejected ? LoadOutcome.Status.REJECTED
                : execution.getStatus() == BatchStatus.STOPPED ? LoadOutcome.Status.STOPPED : LoadOutcome.Status.FAILED;
        return new LoadOutcome(status, loadId, flows, slices, samples, failure, duration, steps);
    }

    /**
     * Loaded figures from what the staging step counted (which commits with its rows, and is what publishing records
     * in dw.load_slice), plus rejects, by the flow their line starts with when it is one.
     */
    private List<LoadOutcome.FlowFigures> figures(long loadId, StagedSummary staged) {
        List<LoadOutcome.FlowFigures> result = new ArrayList<>();
        Field<String> first = splitPart(REJECT.RAW, inline(";"), inline(1));
        // inlined, so that GROUP BY repeats the very same expression
        Field<String> rejectFlow = when(first.in(inline("E"), inline("I")), first).otherwise(inline("?"));
        Map<String, long[]> rejected = new HashMap<>();
        dsl.select(rejectFlow, count(), coalesce(sum(REJECT.VALUE_EUR), BigDecimal.ZERO)).from(REJECT)
                .where(REJECT.LOAD_ID.eq(loadId)).groupBy(rejectFlow)
                .forEach(r -> rejected.put(r.value1(), new long[] {r.value2(), r.value3().longValueExact()}));
        Map<String, long[]> loaded = new HashMap<>();
        staged.slices.forEach((slice, counts) -> {
            long[] flow = loaded.computeIfAbsent(slice.substring(0, 1), f -> new long[2]);
            flow[0] += counts[0];
            flow[1] += counts[1];
        });
        for (String flow : List.of("E", "I", "?")) {
            long rows = loaded.getOrDefault(flow, new long[2])[0];
            long eur = loaded.getOrDefault(flow, new long[2])[1];
            long rejectedRows = rejected.getOrDefault(flow, new long[2])[0];
            long rejectedEur = rejected.getOrDefault(flow, new long[2])[1];
            if (rows + rejectedRows > 0) {
                result.add(new LoadOutcome.FlowFigures(flow, rows + rejectedRows, rows, rejectedRows, eur, rejectedEur,
                        Duration.ofNanos(staged.stagingNanos.getOrDefault(flow.charAt(0), 0L))));
            }
        }
        return result;
    }

    /** The exception that says what went wrong in the user's terms: ours or a reader's, else the root cause. */
    private static Throwable explaining(Throwable t) {
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getName().startsWith("org.tradewarehouse.") || c instanceof ItemStreamException) {
                return c;
            }
            root = c;
        }
        return root;
    }
}
