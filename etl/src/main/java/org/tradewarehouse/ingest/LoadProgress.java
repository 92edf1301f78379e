package org.tradewarehouse.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs where a load is at a fixed interval for as long as it runs: while staging, lines read, share of the data
 * and rows/s; in the other steps, what the step does and for how long it has been at it.
 */
class LoadProgress implements JobExecutionListener, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(LoadProgress.class);
    private static final String STAGING = "stageRows";
    private static final Map<String, String> DOING = Map.of(
            "stageAnnexes", "Reading the label annexes",
            "checkRejects", "Checking the rejected lines",
            "publish", "Publishing the quarter slices (dimensions, facts, sums)",
            "refreshRankings", "Refreshing the rankings");

    private final Duration interval;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /** The lines read at the last report. */
    private final AtomicLong reported = new AtomicLong();
    private volatile long totalBytes;
    private volatile String step = "";
    private volatile long stepStartNanos;
    private ScheduledExecutorService ticker;

    LoadProgress(Duration interval) {
        this.interval = interval;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        jobReturned();
    }

    /** The job's launcher returned: when the job repository itself failed (database gone), afterJob never came. */
    void jobReturned() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stepStartNanos = System.nanoTime();
        step = stepExecution.getStepName();
    }

    /** Called by the reader when staging opens, after any lines a restart skips. */
    void stagingStarted(long totalBytes) {
        this.totalBytes = totalBytes;
        lines.set(0);
        bytes.set(0);
        reported.set(0);
    }

    void addLine() {
        lines.incrementAndGet();
    }

    void addBytes(long n) {
        bytes.addAndGet(n);
    }

    private void report() {
        double seconds = (System.nanoTime() - stepStartNanos) / 1e9;
        if (STAGING.equals(step)) {
            long n = lines.get();
            long before = reported.getAndSet(n);
            String percent = String.format("%.0f", Math.min(totalBytes > 0 ? 100.0 * bytes.get() / totalBytes : 0, 100));
            if (n > 0 && n == before) { // rows/s would only fall
                log.info("Staging: waiting for the database ({} lines read, {}% of the data)", String.format("%,d", n), percent);
            } else {
                log.info("Staging: {} lines read, {}% of the data, {} rows/s", String.format("%,d", n), percent,
                        String.format("%,.0f", seconds > 0 ? n / seconds : 0));
            }
        } else {
            log.info("{}: {} s", DOING.getOrDefault(step, step), String.format("%.0f", seconds));
        }
    }
}
