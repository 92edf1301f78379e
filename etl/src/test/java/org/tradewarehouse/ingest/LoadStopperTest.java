package org.tradewarehouse.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** On shutdown, a load still running is told to stop; one whose job has returned is left alone. */
class LoadStopperTest {

    private final LoadStopper stopper = new LoadStopper(Duration.ofMillis(10));
    private final JobExecution execution =
            new JobExecution(1L, new JobInstance(1L, LoadJobConfiguration.JOB_NAME), new JobParameters());

    @Test
    void stopsARunningLoad() {
        stopper.beforeJob(execution);

        stopper.stop();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.STOPPING);
    }

    /** With the database gone the job repository fails and afterJob never comes: the launcher's return says it ended. */
    @Test
    void leavesALoadWhoseJobReturnedWithoutAfterJob() {
        stopper.beforeJob(execution);
        stopper.jobReturned();

        stopper.stop();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.STARTING);
    }
}
