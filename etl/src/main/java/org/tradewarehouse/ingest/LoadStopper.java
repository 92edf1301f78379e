package org.tradewarehouse.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops the load running in this process when the application shuts down: SIGTERM runs Spring's shutdown hook,
 * which stops this bean before any other (the connection pool is still open). The job is told to stop the way
 * JobOperator.stop tells it, but in memory only: the staging step ends after its current chunk, any other step is
 * let finish (publish is one transaction), no further step starts, and the job ends STOPPED; the next load of the
 * same files resumes it. JobOperator.stop itself also writes the step's row from this thread while the job's own
 * thread writes it, and one of them then fails on the row's version (the job ends FAILED instead of STOPPED).
 * Waits for the job at most {@code trade.load.stop-wait}.
 */
@Component
class LoadStopper implements JobExecutionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoadStopper.class);
    /** The one step that can stop between chunks; the others are short, or a single transaction. */
    private static final String STAGING_STEP = "stageRows";

    private final Duration wait;
    private volatile JobExecution running;
    private volatile CountDownLatch ended = new CountDownLatch(0);
    private volatile boolean started;

    LoadStopper(@Value("${trade.load.stop-wait}") Duration wait) {
        this.wait = wait;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ended = new CountDownLatch(1);
        running = execution;
    }

    @Override
    public void afterJob(JobExecution execution) {
        jobReturned();
    }

    /** The job's launcher returned: when the job repository itself failed (database gone), afterJob never came. */
    void jobReturned() {
        running = null;
        ended.countDown();
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        JobExecution execution = running;
        started = false;
        if (execution == null) {
            return;
        }
        log.warn("Shutting down: stopping load {} (waiting at most {} s); running the load again resumes it",
                execution.getJobInstanceId(), wait.toSeconds());
        execution.setStatus(BatchStatus.STOPPING); // no further step starts
        for (StepExecution step : new ArrayList<>(execution.getStepExecutions())) {
            if (STAGING_STEP.equals(step.getStepName()) && step.getStatus().isRunning()) {
                step.setTerminateOnly(); // ends after the chunk being written
            }
        }
        try {
            if (!ended.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Load {} did not stop within {} s; the next load resumes it all the same",
                        execution.getJobInstanceId(), wait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stopped first, before the schedulers and the connection pool. */
    private static final int PHASE = Integer.MAX_VALUE;

    @Override
    public int getPhase() {
        return PHASE;
    }
}
