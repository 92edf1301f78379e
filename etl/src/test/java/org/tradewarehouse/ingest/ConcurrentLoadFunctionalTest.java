package org.tradewarehouse.ingest;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads at the same time as other loads and as dashboards: one load publishes, the other is refused; readers of the
 * marts are never blocked and never see a half-refreshed state.
 */
@SpringBootTest
@ActiveProfiles("test")
class ConcurrentLoadFunctionalTest {

    private static final SamplePublication.Options SMALL = new SamplePublication.Options(2023, 2024, 2024L, 1_500);

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    RawRows previous;
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void warehouseWithAPreviousPublication() throws Exception {
        TestWarehouse.reset(jdbc);
        List<Path> zips = SamplePublication.write(dir.resolve("previous"), SMALL).zips();
        assertThat(loads.load(zips, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        previous = RawRows.of(zips);
    }

    @Test
    void ofTwoLoadsStartedTogetherOnePublishesAndTheOtherIsRefused() throws Exception {
        List<Path> first = publication("first", 1);
        List<Path> second = publication("second", 2);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<LoadOutcome> a;
        CompletableFuture<LoadOutcome> b;
        // a dashboard's open transaction on partner_sum keeps the winner inside its job until the loser has answered
        try (Connection dashboard = TestWarehouse.readingInOpenTransaction(dataSource, "select count(*) from mart.partner_sum")) {
            a = CompletableFuture.supplyAsync(() -> loadWhen(go, first), threads);
            b = CompletableFuture.supplyAsync(() -> loadWhen(go, second), threads);
            go.countDown();
            CompletableFuture.anyOf(a, b).get(60, TimeUnit.SECONDS);
            dashboard.rollback();
        }
        LoadOutcome outcomeA = a.get(60, TimeUnit.SECONDS);
        LoadOutcome outcomeB = b.get(60, TimeUnit.SECONDS);

        assertThat(List.of(outcomeA.status(), outcomeB.status()))
                .containsExactlyInAnyOrder(LoadOutcome.Status.PUBLISHED, LoadOutcome.Status.BUSY);
        LoadOutcome refused = outcomeA.status() == LoadOutcome.Status.BUSY ? outcomeA : outcomeB;
        assertThat(refused.failure()).isEqualTo("another load is running on this database; try again when it has finished");
        assertThat(refused.status().exitCode).isEqualTo(3);
        RawRows winner = RawRows.of(outcomeA.status() == LoadOutcome.Status.PUBLISHED ? first : second);
        assertThat(TestWarehouse.factEurosByYearAndFlow(jdbc)).isEqualTo(byYearAndFlow(winner));
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(winner.count());
        assertThat(jdbc.queryForObject("select count(*) from dw.load", Long.class)).isEqualTo(2L); // the previous and the winner
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
    }

    /**
     * A dashboard polls the marts, each poll one REPEATABLE READ snapshot with a 2 s statement timeout and a 200 ms
     * lock timeout (a reader should never wait for a lock), while a load publishes and refreshes: every poll answers,
     * and in each the four marts agree on France's totals, all of them the previous publication's or all the new
     * one's. (Checked to fail if the views were refreshed in separate transactions or not CONCURRENTLY.)
     */
    @Test
    void readersOfTheMartsAreNeverBlockedAndSeeTheOldOrTheNewRankingsNeverAMix() throws Exception {
        List<Path> revised = publication("revised", 3);
        Map<String, Long> old = byYearAndFlow(previous);
        Map<String, Long> fresh = byYearAndFlow(RawRows.of(revised));
        assertThat(fresh).isNotEqualTo(old);
        List<String> seen = new ArrayList<>();
        CompletableFuture<LoadOutcome> load;

        // a connection of its own, not the pool's: its timeouts must not outlive the test
        try (Connection reader = DriverManager.getConnection(((HikariDataSource) dataSource).getJdbcUrl(), "postgres", "")) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (var st = reader.createStatement()) {
                st.execute("set statement_timeout = '2s'");
                st.execute("set lock_timeout = '200ms'");
            }
            reader.commit();
            load = CompletableFuture.supplyAsync(() -> loadWhen(new CountDownLatch(0), revised), threads);
            do {
                Snapshot s = snapshot(reader);
                assertThat(s.partners()).as("partner_ranking against geo_total in one snapshot").isEqualTo(s.totals());
                assertThat(s.products()).as("product_ranking against geo_total in one snapshot").isEqualTo(s.totals());
                assertThat(s.sankey()).as("sankey_link against geo_total in one snapshot").isEqualTo(s.totals());
                assertThat(s.totals()).isIn(old, fresh);
                seen.add((s.totals().equals(old) ? "old" : "new") + (s.refreshing() ? " while refreshing" : ""));
            } while (!load.isDone());
            Snapshot last = snapshot(reader);
            assertThat(last.totals()).isEqualTo(fresh);
        }
        assertThat(load.get().status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(seen).contains("old").anyMatch(s -> s.endsWith("while refreshing"));
    }

    record Snapshot(Map<String, Long> totals, Map<String, Long> partners, Map<String, Long> products,
                    Map<String, Long> sankey, boolean refreshing) {
    }

    private Snapshot snapshot(Connection c) throws SQLException {
        try {
            return new Snapshot(
                    sums(c, "select year || flow, value_eur from mart.geo_total where geo = 'fr'"),
                    sums(c, "select year || flow, sum(eur) from mart.partner_ranking, lateral (values ('E', exports_eur),"
                            + " ('I', imports_eur)) v(flow, eur) where geo = 'fr' group by 1 having sum(eur) > 0"),
                    sums(c, "select year || flow, sum(value_eur) from mart.product_ranking where geo = 'fr' and level = 'CPF4' group by 1"),
                    sums(c, "select year || flow, sum(value_eur) from mart.sankey_link where geo = 'fr' and level = 'A129' group by 1"),
                    sums(c, "select 'refreshing', count(*) from batch.batch_step_execution where step_name = 'refreshRankings'"
                            + " and status = 'STARTED'").get("refreshing") > 0);
        } finally {
            c.commit();
        }
    }

    /** On the reader's own connection, inside its open snapshot. */
    private static Map<String, Long> sums(Connection c, String sql) {
        return TestWarehouse.sums(new JdbcTemplate(new SingleConnectionDataSource(c, true)), sql);
    }

    private static Map<String, Long> byYearAndFlow(RawRows raw) {
        return raw.euros(f -> f[2] + f[0]);
    }

    /** The same years as the previous publication, other figures. */
    private List<Path> publication(String name, long seed) throws Exception {
        return SamplePublication.write(dir.resolve(name), new SamplePublication.Options(SMALL.firstYear(), SMALL.lastYear(),
                SMALL.seed() + seed, SMALL.rowsPerFlowPerYear())).zips();
    }

    private LoadOutcome loadWhen(CountDownLatch go, List<Path> zips) {
        try {
            go.await();
            return loads.load(zips, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
