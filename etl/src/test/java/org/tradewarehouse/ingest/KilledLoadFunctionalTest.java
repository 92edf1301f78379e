package org.tradewarehouse.ingest;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.cli.TradeEtl;
import org.tradewarehouse.demo.SamplePublication;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A load process killed with SIGKILL half-way through staging; running the load again ends with exact totals. */
@SpringBootTest
@ActiveProfiles("test")
class KilledLoadFunctionalTest {

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aLoadKilledWhileStagingIsResumedWithExactTotals() throws Exception {
        TestWarehouse.reset(jdbc);
        List<Path> zips = SamplePublication.write(dir, SamplePublication.Options.defaults()).zips();
        RawRows raw = RawRows.of(zips);
        var before = TestWarehouse.fingerprint(jdbc);

        Process child = startLoadProcess(zips);
        awaitStagedChunks(child, 3);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback of what was committed
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        long staged = jdbc.queryForObject("select count(*) from staging.trade_row", Long.class);
        assertThat(staged).isPositive().isLessThan(raw.count());

        LoadOutcome resumed = loads.load(zips, false);

        assertThat(resumed.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade", Long.class))
                .isEqualTo(raw.euros(f -> "all").get("all"));
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
    }

    /** The real command line in its own JVM, on this test's database, staging in small chunks. */
    private Process startLoadProcess(List<Path> zips) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName(), "load"));
        zips.forEach(z -> command.add(z.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", ((HikariDataSource) dataSource).getJdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("TRADE_LOAD_CHUNK_SIZE", "100");
        return pb.start();
    }

    private String childLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void awaitStagedChunks(Process child, int chunks) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            Long committed = jdbc.queryForObject("select coalesce(max(commit_count), 0) from batch.batch_step_execution"
                    + " where step_name = 'stageRows' and status = 'STARTED'", Long.class);
            if (committed != null && committed >= chunks) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the load process ended before it could be killed:\n" + childLog());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the load process never staged " + chunks + " chunks");
    }
}
