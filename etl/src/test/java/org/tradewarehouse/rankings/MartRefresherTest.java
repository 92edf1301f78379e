package org.tradewarehouse.rankings;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.fiche.SampleLoadedTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intermediate marts are rebuilt on a connection of their own while the caller's transaction refreshes the
 * published ones: a failure on that other connection still fails the refresh, and the published marts stay as they were.
 */
class MartRefresherTest extends SampleLoadedTest {

    @Autowired
    MartRefresher refresher;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager tm;

    @Test
    void anIntermediateMartFailingLeavesThePublishedMartsAsTheyWere() throws Exception {
        Map<String, Long> france = franceTotals("mart.geo_total");
        List<Map<String, Object>> links = jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country");
        assertThat(france).isNotEmpty();
        jdbc.update("update dw.slice_sum set value_eur = value_eur * 2"); // what a refresh would then publish: doubled
        // a row of sankey_pair locked by another transaction: the refresh waits to delete it
        try (Connection blocker = TestWarehouse.readingInOpenTransaction(dataSource, "select 1 from mart.sankey_pair limit 1 for share")) {
            CompletableFuture<Throwable> refresh = CompletableFuture.supplyAsync(() -> {
                try {
                    new TransactionTemplate(tm).executeWithoutResult(status -> refresher.refreshAll());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            awaitTrue("select exists (select 1 from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query = 'delete from \"mart\".\"sankey_pair\"')");
            jdbc.queryForObject("select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query = 'delete from \"mart\".\"sankey_pair\"'", Boolean.class);
            Throwable failure = refresh.get(60, TimeUnit.SECONDS);
            blocker.rollback();

            assertThat(failure).isNotNull().hasMessageContaining("mart.sankey_pair").hasMessageContaining("canceling statement");
            assertThat(franceTotals("mart.geo_total")).isEqualTo(france);
            assertThat(jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country"))
                    .isEqualTo(links);
            // the intermediate marts built before it were committed, as they were built
            assertThat(franceTotals("mart.partner_sum")).allSatisfy((key, value) -> assertThat(value).isEqualTo(2 * france.get(key)));
        } finally {
            jdbc.update("update dw.slice_sum set value_eur = value_eur / 2");
            new TransactionTemplate(tm).executeWithoutResult(status -> refresher.refreshAll());
        }
        assertThat(franceTotals("mart.partner_sum")).isEqualTo(france);
        assertThat(jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country"))
                .isEqualTo(links);
    }

    @Test
    void everyMartEndsWithStatisticsEvenWithoutAnyBefore() {
        List<Map<String, Object>> links = jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country");
        List<String> marts = jdbc.queryForList("select schemaname || '.' || tablename from pg_tables where schemaname = 'mart'"
                + " and tablename <> 'refresh_state'", String.class);
        assertThat(marts).contains("mart.sankey_pair", "mart.sankey_product_key", "mart.sankey_link");
        // as after a pg_upgrade: no statistics at all
        jdbc.update("delete from pg_statistic where starelid in (select oid from pg_class where relkind = 'r'"
                + " and relnamespace = 'mart'::regnamespace)");

        new TransactionTemplate(tm).executeWithoutResult(status -> refresher.refresh(List.of(2024)));

        assertThat(jdbc.queryForList("select distinct schemaname || '.' || tablename from pg_stats where schemaname = 'mart'",
                String.class)).containsAll(marts);
        assertThat(jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country"))
                .isEqualTo(links);
    }

    @Test
    void oneRefreshAtATime() throws Exception {
        List<Map<String, Object>> links = jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country");
        try (Connection other = dataSource.getConnection()) { // as another refresh would, until it commits
            other.setAutoCommit(false);
            other.createStatement().execute("select pg_advisory_xact_lock(" + 0x72616e6bL + ")");
            CompletableFuture<Void> refresh = CompletableFuture.runAsync(
                    () -> new TransactionTemplate(tm).executeWithoutResult(status -> refresher.refreshAll()));
            awaitTrue("select exists (select 1 from pg_stat_activity where wait_event = 'advisory')");
            assertThat(refresh).isNotDone();
            other.rollback();
            refresh.get(60, TimeUnit.SECONDS);
        }
        assertThat(jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country"))
                .isEqualTo(links);
    }

    private Map<String, Long> franceTotals(String mart) {
        return TestWarehouse.sums(jdbc, "select year || flow, sum(value_eur) from " + mart + " where geo = 'fr' group by 1");
    }

    private void awaitTrue(String sql) throws InterruptedException {
        for (int i = 0; i < 3000 && !jdbc.queryForObject(sql, Boolean.class); i++) {
            Thread.sleep(10);
        }
        assertThat(jdbc.queryForObject(sql, Boolean.class)).as(sql).isTrue();
    }
}
