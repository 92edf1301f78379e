package org.tradewarehouse.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops the load running in this process when the application shuts down (SIGTERM runs Spring's shutdown hook,
 * which stops this bean before any other is destroyed): the job is asked to stop through the JobOperator, ends
 * after its current chunk with status STOPPED, and the next load of the same files resumes it. Waits for it at
 * most {@code trade.load.stop-wait}, so that the database is still there while the job winds down.
 */
@Component
class LoadStopper implements JobExecutionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoadStopper.class);

    private final JobOperator jobOperator;
    private final Duration wait;
    private volatile JobExecution running;
    private volatile CountDownLatch ended = new CountDownLatch(0);
    private volatile boolean started;

    LoadStopper(JobOperator jobOperator, @Value("${trade.load.stop-wait}") Duration wait) {
        this.jobOperator = jobOperator;
        this.wait = wait;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ended = new CountDownLatch(1);
        running = execution;
    }

    @Override
    public void afterJob(JobExecution execution) {
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
        log.warn("Shutting down: stopping load {} after its current chunk (waiting at most {} s)",
                execution.getJobInstanceId(), wait.toSeconds());
        try {
            jobOperator.stop(execution);
            if (!ended.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Load {} did not stop within {} s; the next load resumes it all the same",
                        execution.getJobInstanceId(), wait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not stop load {} cleanly: {}", execution.getJobInstanceId(), e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stopped first, before the schedulers and the connection pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
