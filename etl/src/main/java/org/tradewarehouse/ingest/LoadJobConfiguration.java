package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tradewarehouse.nomenclature.Na2008;
import org.tradewarehouse.rankings.MartRefresher;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.tradewarehouse.db.dw.Tables.LOAD_SLICE;

/**
 * The load job: stage the annexes, stage every data line (COPY, chunk by chunk, restartable), stop if lines were
 * rejected and not accepted, publish the staged slices in one transaction, then refresh the rankings.
 */
@Configuration(proxyBeanMethods = false)
public class LoadJobConfiguration {

    public static final String JOB_NAME = "load";

    @Bean
    Job loadJob(JobRepository jobRepository, Step stageAnnexes, Step stageRows, Step checkRejects, Step publish,
                Step refreshRankings, LoadProgress progress, LoadStopper stopper) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(progress)
                .listener(stopper)
                .start(stageAnnexes)
                .next(stageRows)
                .next(checkRejects)
                .next(publish)
                .next(refreshRankings)
                .build();
    }

    @Bean
    Step stageAnnexes(JobRepository jobRepository, PlatformTransactionManager tm, AnnexStagingTasklet tasklet,
                      LoadProgress progress) {
        return new StepBuilder("stageAnnexes", jobRepository).listener(progress).tasklet(tasklet, tm).build();
    }

    /**
     * The staging of the data lines. Beware: its items are batches of lines ({@link LineBatch}, 1,000 at most), not
     * lines, so its read and write counts in the job repository count batches; and its processor sends each valid row
     * into the chunk's open COPY at once. A {@code faultTolerant()} skip or retry would process a chunk's batches again
     * and send their rows a second time: a bad line is a value ({@link ParsedLine.Rejected}), never an exception to
     * skip, and a failed chunk fails the step, which the load resumes at its last committed chunk.
     */
    @Bean
    Step stageRows(JobRepository jobRepository, PlatformTransactionManager tm, LoadProgress progress,
                   StagingWriter writer, @Value("${trade.load.chunk-size}") int chunkSize) {
        int batchLines = LineBatch.linesPerBatch(chunkSize);
        return new StepBuilder("stageRows", jobRepository)
                .<LineBatch, List<ParsedLine.Rejected>>chunk(Math.max(1, chunkSize / batchLines))
                .transactionManager(tm)
                .reader(PublicationReader.ofEachExecution(progress, batchLines))
                .processor(parseAndSend(new TradeLineParser(), writer))
                .writer(writer)
                .listener(progress)
                .build();
    }

    /**
     * Each valid row goes to the chunk's COPY as soon as it is parsed (see {@link StagingWriter}); the rejected lines
     * of the batch go on to the writer.
     */
    private static ItemProcessor<LineBatch, List<ParsedLine.Rejected>> parseAndSend(TradeLineParser parser,
                                                                                  StagingWriter writer) {
        return batch -> {
            List<ParsedLine.Rejected> rejected = new ArrayList<>(0);
            for (SourceLine line : batch.lines()) {
                ParsedLine parsed = parser.process(line);
                if (parsed instanceof ParsedLine.TradeRow row) {
                    writer.stage(row);
                } else if (parsed instanceof ParsedLine.Rejected r) {
                    rejected.add(r);
                }
            }
            return rejected;
        };
    }

    @Bean
    Step checkRejects(JobRepository jobRepository, PlatformTransactionManager tm, RejectGateTasklet tasklet,
                      LoadProgress progress) {
        return new StepBuilder("checkRejects", jobRepository).listener(progress).tasklet(tasklet, tm).build();
    }

    @Bean
    Step publish(JobRepository jobRepository, PlatformTransactionManager tm, PublishTasklet tasklet, LoadProgress progress) {
        return new StepBuilder("publish", jobRepository).listener(progress).tasklet(tasklet, tm).build();
    }

    /**
     * Last: the marts the fiche and the dashboards read, for the years whose slices this load replaced (dw.load_slice
     * names the load that wrote each). A failure here leaves the facts published; rerun to retry.
     */
    @Bean
    Step refreshRankings(JobRepository jobRepository, PlatformTransactionManager tm, MartRefresher refresher,
                         DSLContext dsl, LoadProgress progress) {
        return new StepBuilder("refreshRankings", jobRepository).listener(progress).tasklet((contribution, context) -> {
            long loadId = context.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
            refresher.refresh(dsl.selectDistinct(LOAD_SLICE.YEAR).from(LOAD_SLICE).where(LOAD_SLICE.LOAD_ID.eq(loadId))
                    .fetch(r -> r.value1().intValue()));
            return RepeatStatus.FINISHED;
        }, tm).build();
    }

    @Bean
    LoadProgress loadProgress(@Value("${trade.load.progress-interval}") Duration interval) {
        return new LoadProgress(interval);
    }

    @Bean
    Na2008 na2008() {
        return Na2008.load();
    }

    @Bean
    StagingWriter stagingWriter(DSLContext dsl, DataSource dataSource) {
        return new StagingWriter(dsl, dataSource);
    }

    @Bean
    @StepScope
    AnnexStagingTasklet annexStagingTasklet(DSLContext dsl, @Value("#{jobParameters['sources']}") String sources,
                                            @Value("#{stepExecution.jobExecution.jobInstanceId}") long loadId) {
        return new AnnexStagingTasklet(dsl, LoadSources.inspect(sources), loadId);
    }

    @Bean
    @StepScope
    RejectGateTasklet rejectGateTasklet(DSLContext dsl, @Value("#{stepExecution.jobExecution.jobInstanceId}") long loadId,
                                        @Value("#{jobParameters['acceptRejects']}") String acceptRejects) {
        return new RejectGateTasklet(dsl, loadId, Boolean.parseBoolean(acceptRejects));
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(DSLContext dsl, DataSource dataSource, StagingWriter staging, JobRepository jobRepository,
                                  Na2008 na2008, @Value("#{stepExecution.jobExecution.jobInstanceId}") long loadId,
                                  @Value("#{jobParameters['sources']}") String sources,
                                  @Value("#{jobParameters['sha256']}") String sha256) {
        return new PublishTasklet(dsl, dataSource, staging, jobRepository, new Dimensions(dsl, na2008), loadId, sources, sha256);
    }
}
