package org.tradewarehouse.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.ChildCommand;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stopped in the middle of a load (a PostgreSQL of the test's own, stopped and started again on the
 * same data and port): the load fails saying the database is unreachable, the warehouse keeps its previous state,
 * and running the load again publishes exact totals.
 */
class DatabaseStoppedFunctionalTest {

    @TempDir
    Path dir;
    private final Path dataDir = Path.of("target", "test-warehouse", "stopped-" + UUID.randomUUID());
    private EmbeddedPostgres pg;

    @AfterEach
    void stopDatabase() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aLoadWhoseDatabaseStopsFailsClearlyAndItsRerunPublishesExactTotals() throws Exception {
        pg = start(0);
        int port = pg.getPort();
        List<Path> previous = SamplePublication.write(dir.resolve("previous"), new SamplePublication.Options(2023, 2023, 1L, 500)).zips();
        List<Path> revised = SamplePublication.write(dir.resolve("revised"), new SamplePublication.Options(2023, 2024, 2L, 3_000)).zips();
        assertThat(load(previous).waitFor()).isZero();
        var before = TestWarehouse.fingerprint(jdbc());

        ChildCommand child = load(revised, "TRADE_LOAD_CHUNK_SIZE", "100",
                "SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT", "2000"); // the pool gives up after 2 s, not 30
        awaitStagedChunks(child, 3);
        pg.close(); // pg_ctl stop -m fast: every connection is cut
        pg = null;
        int exitCode = child.waitFor();

        assertThat(exitCode).as(child.log()).isEqualTo(1);
        // the last word is one line in the operator's terms, and no stack trace comes before it
        List<String> lines = child.log().lines().toList();
        assertThat(lines.get(lines.size() - 2)).as(child.log())
                .startsWith("error: the database is unreachable (Connection to localhost:" + port + " refused")
                .endsWith("run the command again once it is back: a load resumes where it stopped");
        assertThat(lines).as(child.log()).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));

        pg = start(port);
        assertThat(TestWarehouse.fingerprint(jdbc())).isEqualTo(before);

        ChildCommand rerun = load(revised);
        assertThat(rerun.waitFor()).as(rerun.log()).isZero();
        RawRows raw = RawRows.of(revised);
        JdbcTemplate jdbc = jdbc();
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade", Long.class)).isEqualTo(raw.euros(f -> "all").get("all"));
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("select sum(value_eur) from mart.geo_total where geo = 'fr'", Long.class))
                .isEqualTo(raw.euros(f -> "all").get("all"));
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(pg.getPostgresDatabase());
    }

    private ChildCommand load(List<Path> files, String... environment) throws IOException {
        return ChildCommand.load(pg.getJdbcUrl("postgres", "postgres"), dir.resolve("load-" + UUID.randomUUID() + ".log"),
                files, environment);
    }

    private void awaitStagedChunks(ChildCommand child, int chunks) throws InterruptedException {
        JdbcTemplate jdbc = jdbc();
        for (int i = 0; i < 6000; i++) {
            Boolean staged = jdbc.queryForObject("select coalesce(max(commit_count), 0) >= ? from batch.batch_step_execution"
                    + " where step_name = 'stageRows' and status = 'STARTED'", Boolean.class, chunks);
            if (staged) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the load ended before it staged " + chunks + " chunks:\n" + child.log());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the load never staged " + chunks + " chunks:\n" + child.log());
    }
}
