package org.tradewarehouse.schedule;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradewarehouse.ChildCommand;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.schedule.SourceCheck.Decision;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

        ChildCommand child = ChildCommand.start(dataSource, 50, FILES.resolve("child.log"), Map.of(
                "TRADE_SCHEDULE_SOURCES", "", "TRADE_SCHEDULE_INBOX", FILES.resolve("inbox").toString(),
                "TRADE_FILES_DIR", FILES.toString()), List.of("fetch"));
        child.awaitStagedChunks(jdbc, 3);
        child.process().destroy(); // SIGTERM: the shutdown hook runs
        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.log()).contains("Shutting down: stopping load");
        var stopped = jdbc.queryForMap("select job_instance_id, status from batch.batch_job_execution");
        assertThat(stopped.get("status")).as(child.log()).isEqualTo("STOPPED");
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        long staged = TestWarehouse.stagedRows(jdbc);
        assertThat(staged).isPositive().isLessThan(raw.count());
        assertThat(dropped).exists(); // not moved to failed/: a shutdown is no fault of the file
        assertThat(child.log()).doesNotContain("error");
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
}
