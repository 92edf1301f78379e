package org.tradewarehouse.schedule;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.cli.TradeEtl;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.schedule.SourceCheck.Decision;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a `fetch` process while it loads an inbox file: the load is stopped cleanly (status STOPPED, the
 * warehouse unchanged, the staged chunks kept, the file still in the inbox); the next pass resumes that load and
 * ends with exact totals.
 */
@SpringBootTest
@ActiveProfiles("test")
class StoppedLoadFunctionalTest {

    static final Path FILES = Path.of("target", "test-files", UUID.randomUUID().toString()).toAbsolutePath();

    @DynamicPropertySource
    static void schedule(DynamicPropertyRegistry registry) {
        registry.add("trade.schedule.inbox", () -> FILES.resolve("inbox").toString());
    }

    @Autowired
    SchedulePass pass;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aLoadStoppedBySigtermIsResumedByTheNextPassWithExactTotals() throws Exception {
        TestWarehouse.reset(jdbc);
        jdbc.execute("truncate dw.source_check");
        Path zip = SamplePublication.write(FILES.resolve("sample"), SamplePublication.Options.defaults()).zips().get(2);
        Path dropped = Files.copy(zip, Files.createDirectories(FILES.resolve("inbox")).resolve(zip.getFileName()));
        RawRows raw = RawRows.of(List.of(dropped));
        var before = TestWarehouse.fingerprint(jdbc);

        Process child = startFetchProcess();
        awaitStagedChunks(child, 3);
        child.destroy(); // SIGTERM: the shutdown hook runs
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(childLog()).contains("Shutting down: stopping load");
        var stopped = jdbc.queryForMap("select job_instance_id, status from batch.batch_job_execution");
        assertThat(stopped.get("status")).as(childLog()).isEqualTo("STOPPED");
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        long staged = jdbc.queryForObject("select count(*) from staging.trade_row", Long.class);
        assertThat(staged).isPositive().isLessThan(raw.count());
        assertThat(dropped).exists(); // not moved to failed/: a shutdown is no fault of the file
        assertThat(childLog()).doesNotContain("error");
        var recorded = jdbc.queryForMap("select source, decision, reason, load_id from dw.source_check");
        assertThat(recorded.get("source")).isEqualTo("inbox/" + zip.getFileName());
        assertThat(recorded.get("decision")).isEqualTo("failed");
        assertThat(recorded.get("load_id")).isEqualTo(stopped.get("job_instance_id"));
        assertThat((String) recorded.get("reason")).contains("was stopped before it published", "resumes it");

        List<SourceCheck> next = pass.run();

        assertThat(next).extracting(SourceCheck::decision).containsExactly(Decision.LOADED);
        assertThat(next.get(0).loadId()).isEqualTo(((Number) stopped.get("job_instance_id")).longValue()); // resumed
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade", Long.class))
                .isEqualTo(raw.euros(f -> "all").get("all"));
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
        assertThat(FILES.resolve("inbox/done").resolve(zip.getFileName())).exists();
    }

    /** `trade-etl fetch` in its own JVM, on this test's database and inbox, staging in small chunks. */
    private Process startFetchProcess() throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName(), "fetch");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(FILES.resolve("child.log").toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", ((HikariDataSource) dataSource).getJdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("TRADE_LOAD_CHUNK_SIZE", "50");
        pb.environment().put("TRADE_SCHEDULE_SOURCES", "");
        pb.environment().put("TRADE_SCHEDULE_INBOX", FILES.resolve("inbox").toString());
        pb.environment().put("TRADE_FILES_DIR", FILES.toString());
        return pb.start();
    }

    private String childLog() {
        try {
            return Files.readString(FILES.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void awaitStagedChunks(Process child, int chunks) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            Long committed = jdbc.queryForObject("select coalesce(max(commit_count), 0) from batch.batch_step_execution"
                    + " where step_name = 'stageRows' and status = 'STARTED'", Long.class);
            if (committed != null && committed >= chunks) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the fetch process ended before it could be stopped:\n" + childLog());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the fetch process never staged " + chunks + " chunks");
    }
}
