package org.tradewarehouse.ingest;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.ChildCommand;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.rankings.MartRefresher;
import org.tradewarehouse.rankings.RebuiltMarts;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load process killed with SIGKILL at each step that writes: while staging, while publishing, while refreshing
 * the rankings. After the kill the warehouse is exactly the previous one, or (once publish committed) exactly the
 * new facts; running the load again ends with exact totals, one load, and marts that agree with the facts.
 * <p>
 * To kill inside publish or refresh, not before or after it, the test holds a read lock that the step needs (as a
 * dashboard reading the warehouse could) and kills the process while the step waits for it.
 */
@SpringBootTest
@ActiveProfiles("test")
class KilledLoadFunctionalTest {

    /** The steps are caught waiting for a lock, so their data need not be large. */
    private static final SamplePublication.Options SMALL = new SamplePublication.Options(2023, 2024, 2024L, 1_000);

    @TempDir
    Path dir;
    @Autowired
    MartRefresher refresher;
    @Autowired
    PlatformTransactionManager tm;
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

        ChildCommand child = startLoad(zips, "TRADE_LOAD_CHUNK_SIZE", "100"); // caught half-way through staging
        awaitStagedChunks(child, 3);
        child.kill();
        awaitItsConnectionsGone();

        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        long staged = TestWarehouse.stagedRows(jdbc);
        assertThat(staged).isPositive().isLessThan(raw.count());

        assertRerunEndsWithExactTotals(zips, raw);
    }

    @Test
    void aLoadKilledWhilePublishingLeavesThePreviousWarehouseAndIsResumed() throws Exception {
        RawRows previous = warehouseWithAPreviousPublication();
        var before = TestWarehouse.fingerprint(jdbc);
        List<Path> revised = revisedPublication();

        try (Connection dashboard = TestWarehouse.readingInOpenTransaction(dataSource, "select count(*) from dw.fact_trade")) {
            ChildCommand child = startLoad(revised);
            awaitWaitingForALock(child, "publish"); // swapping the first slice needs the partition the reader holds
            child.kill();
            dashboard.rollback();
        }
        awaitItsConnectionsGone();

        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        assertThat(franceTotalsInTheMarts()).isEqualTo(totalsByYearAndFlow(previous));
        assertThat(TestWarehouse.stagedRows(jdbc)).isEqualTo(RawRows.of(revised).count());

        assertRerunEndsWithExactTotals(revised, RawRows.of(revised));
    }

    /** Publish committed, the refresh did not: the facts are new, the marts old; the rerun only refreshes. */
    @Test
    void aLoadKilledWhileRefreshingHasPublishedAndItsRerunRefreshesTheRankings() throws Exception {
        RawRows previous = warehouseWithAPreviousPublication();
        List<Path> revised = revisedPublication();
        RawRows raw = RawRows.of(revised);

        long loadId = killedWhileRefreshing(revised);

        assertThat(factTotals()).isEqualTo(totalsByYearAndFlow(raw));
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
        assertThat(franceTotalsInTheMarts()).isEqualTo(totalsByYearAndFlow(previous));

        LoadOutcome rerun = assertRerunEndsWithExactTotals(revised, raw);
        assertThat(rerun.loadId()).isEqualTo(loadId);
        assertThat(rerun.steps()).containsOnlyKeys("refreshRankings");
    }

    /**
     * Killed while refreshing one year of two (a rolling publication revising one quarter): the rerun refreshes that
     * year, and every mart is the same as a rebuild of every year.
     */
    @Test
    void aLoadKilledWhileRefreshingOneYearIsRerunWithExactMarts() throws Exception {
        RawRows previous = warehouseWithAPreviousPublication();
        String year = String.valueOf(SMALL.lastYear());
        List<String[]> quarter = previous.rows().stream().filter(f -> f[2].equals(year) && f[1].equals("4")).toList();
        List<String[]> revised = quarter.stream()
                .map(f -> { String[] c = f.clone(); c[8] = Long.toString(Long.parseLong(f[8]) + 1000); return c; }).toList();
        Path rolling = LoadJobFunctionalTest.zip(dir.resolve("rolling.zip"), Map.of(
                "REGIONAL_CPF4PAYSE.txt", LoadJobFunctionalTest.lines(revised, "E"),
                "REGIONAL_CPF4PAYSI.txt", LoadJobFunctionalTest.lines(revised, "I")));
        List<String[]> expected = new ArrayList<>(previous.rows());
        expected.removeAll(quarter);
        expected.addAll(revised);

        long loadId = killedWhileRefreshing(List.of(rolling), "select 1 from mart.partner_sum where year = " + year + " limit 1 for share");
        assertThat(franceTotalsInTheMarts()).isEqualTo(totalsByYearAndFlow(previous));

        LoadOutcome rerun = loads.load(List.of(rolling), false);
        assertThat(rerun.status()).as(rerun.failure()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(rerun.loadId()).isEqualTo(loadId);
        assertThat(rerun.steps()).containsOnlyKeys("refreshRankings");
        assertThat(franceTotalsInTheMarts()).isEqualTo(totalsByYearAndFlow(new RawRows(expected)));
        RebuiltMarts.assertSameAsARebuild(jdbc, refresher, tm);
    }

    /**
     * The narrowest window: killed after the publish transaction committed but before the step was marked complete,
     * so the rerun runs publish again while staging is already emptied. The job repository is set back to that
     * instant from a process killed at the start of the refresh (the window itself is too short to aim a kill at).
     */
    @Test
    void aLoadKilledJustAfterPublishCommittedIsNotPublishedTwiceAndItsRerunRefreshesTheRankings() throws Exception {
        warehouseWithAPreviousPublication();
        List<Path> revised = revisedPublication();
        RawRows raw = RawRows.of(revised);
        long loadId = killedWhileRefreshing(revised);
        Long execution = jdbc.queryForObject("select max(job_execution_id) from batch.batch_job_execution", Long.class);
        jdbc.update("delete from batch.batch_step_execution_context where step_execution_id in (select step_execution_id"
                + " from batch.batch_step_execution where job_execution_id = ? and step_name = 'refreshRankings')", execution);
        jdbc.update("delete from batch.batch_step_execution where job_execution_id = ? and step_name = 'refreshRankings'", execution);
        jdbc.update("update batch.batch_step_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null"
                + " where job_execution_id = ? and step_name = 'publish'", execution);

        LoadOutcome rerun = assertRerunEndsWithExactTotals(revised, raw);

        assertThat(rerun.loadId()).isEqualTo(loadId);
        assertThat(rerun.steps()).containsOnlyKeys("publish", "refreshRankings");
    }

    /** A small publication, loaded and refreshed: the state a killed load must leave or replace exactly. */
    private RawRows warehouseWithAPreviousPublication() throws Exception {
        TestWarehouse.reset(jdbc);
        List<Path> zips = SamplePublication.write(dir.resolve("previous"), SMALL).zips();
        assertThat(loads.load(zips, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        return RawRows.of(zips);
    }

    /** The same years and flows with other figures: loading it replaces every slice. */
    private List<Path> revisedPublication() throws Exception {
        return SamplePublication.write(dir.resolve("revised"), new SamplePublication.Options(SMALL.firstYear(),
                SMALL.lastYear(), SMALL.seed() + 1, SMALL.rowsPerFlowPerYear())).zips();
    }

    private long killedWhileRefreshing(List<Path> zips) throws Exception {
        return killedWhileRefreshing(zips, "select 1 from mart.partner_sum limit 1 for share");
    }

    /** lock: a query holding a lock that the refresh needs, here on a row of partner_sum it deletes. */
    private long killedWhileRefreshing(List<Path> zips, String lock) throws Exception {
        try (Connection dashboard = TestWarehouse.readingInOpenTransaction(dataSource, lock)) {
            ChildCommand child = startLoad(zips);
            awaitWaitingForALock(child, "refreshRankings"); // deleting partner_sum's rows of a year it refreshes
            child.kill();
            dashboard.rollback();
        }
        awaitItsConnectionsGone();
        return jdbc.queryForObject("select max(load_id) from dw.load", Long.class);
    }

    private LoadOutcome assertRerunEndsWithExactTotals(List<Path> zips, RawRows raw) throws Exception {
        LoadOutcome rerun = loads.load(zips, false);

        assertThat(rerun.status()).as(rerun.failure()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(factTotals()).isEqualTo(totalsByYearAndFlow(raw));
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from dw.load where load_id = ?", Long.class, rerun.loadId())).isEqualTo(1L);
        assertThat(franceTotalsInTheMarts()).isEqualTo(totalsByYearAndFlow(raw));
        assertThat(TestWarehouse.stagedRows(jdbc)).isZero();
        return rerun;
    }

    private static Map<String, Long> totalsByYearAndFlow(RawRows raw) {
        return raw.euros(f -> f[2] + f[0]);
    }

    private Map<String, Long> factTotals() {
        return TestWarehouse.factEurosByYearAndFlow(jdbc);
    }

    private Map<String, Long> franceTotalsInTheMarts() {
        return TestWarehouse.sums(jdbc, "select year || flow, value_eur from mart.geo_total where geo = 'fr'");
    }

    private ChildCommand startLoad(List<Path> zips, String... environment) throws Exception {
        return ChildCommand.load(((HikariDataSource) dataSource).getJdbcUrl(), dir.resolve("child.log"), zips, environment);
    }

    private void awaitStagedChunks(ChildCommand child, int chunks) throws InterruptedException {
        await(child, "staged " + chunks + " chunks", () -> jdbc.queryForObject("select coalesce(max(commit_count), 0) >= ?"
                + " from batch.batch_step_execution where step_name = 'stageRows' and status = 'STARTED'", Boolean.class, chunks));
    }

    private void awaitWaitingForALock(ChildCommand child, String step) throws InterruptedException {
        await(child, "waited for a lock in " + step, () -> jdbc.queryForObject("select exists (select 1 from"
                + " batch.batch_step_execution where step_name = ? and status = 'STARTED') and exists (select 1 from"
                + " pg_stat_activity where application_name = ? and wait_event_type = 'Lock')", Boolean.class,
                step, ChildCommand.APPLICATION_NAME));
    }

    /** PostgreSQL ends a dead client's backends (and rolls back their transactions) on its own. */
    private void awaitItsConnectionsGone() throws InterruptedException {
        await(null, "lost its connections", () -> jdbc.queryForObject("select count(*) = 0 from pg_stat_activity"
                + " where application_name = ?", Boolean.class, ChildCommand.APPLICATION_NAME));
    }

    private static void await(ChildCommand child, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (child != null && !child.isAlive()) {
                throw new AssertionError("the load process ended before it " + what + ":\n" + child.log());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the load process never " + what + (child == null ? "" : ":\n" + child.log()));
    }
}
