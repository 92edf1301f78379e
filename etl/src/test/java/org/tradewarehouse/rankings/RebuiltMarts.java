package org.tradewarehouse.rankings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marts as a sequence of loads left them, against a rebuild of every year from scratch: the rows of each that are
 * in one and not the other (EXCEPT ALL both ways). The marts are put back as they were, for the next load.
 */
public final class RebuiltMarts {

    /** Each mart, and the columns compared: the Sankeys' numbers and ids are made anew for each set of years refreshed. */
    public static final Map<String, String> MARTS = Map.ofEntries(
            Map.entry("partner_sum", "*"), Map.entry("cpf4_sum", "*"), Map.entry("sankey_country", "*"),
            Map.entry("product_sum", "*"), Map.entry("sankey_country_key", "geo, year, flow, country, cell"),
            Map.entry("sankey_product_key", "year, level, product"),
            Map.entry("sankey_pair", "geo, year, flow, level, product, country, value_eur, lines"),
            Map.entry("geo_total", "*"), Map.entry("partner_ranking", "*"), Map.entry("product_ranking", "*"),
            Map.entry("sankey_link", "*"), Map.entry("quarter_total", "*"), Map.entry("partner_exposure", "*"),
            Map.entry("product_supplier", "*"));

    private RebuiltMarts() {
    }

    /** Asserts that every mart holds rows, each the same as a rebuild's. */
    public static void assertSameAsARebuild(JdbcTemplate jdbc, MartRefresher refresher, PlatformTransactionManager tm) {
        for (String mart : MARTS.keySet()) {
            jdbc.execute("drop table if exists incremental_" + mart);
            jdbc.execute("create table incremental_" + mart + " as select * from mart." + mart);
        }
        new TransactionTemplate(tm).executeWithoutResult(status -> refresher.refreshAll());
        Map<String, Long> differing = new HashMap<>();
        for (var mart : MARTS.entrySet()) {
            String incremental = "select " + mart.getValue() + " from incremental_" + mart.getKey();
            String rebuilt = "select " + mart.getValue() + " from mart." + mart.getKey();
            assertThat(jdbc.queryForObject("select count(*) from mart." + mart.getKey(), Long.class)).as(mart.getKey()).isPositive();
            differing.put(mart.getKey(), jdbc.queryForObject("select count(*) from ((" + incremental + " except all " + rebuilt
                    + ") union all (" + rebuilt + " except all " + incremental + ")) d", Long.class));
        }
        for (String mart : MARTS.keySet()) {
            jdbc.execute("truncate mart." + mart);
            jdbc.execute("insert into mart." + mart + " select * from incremental_" + mart);
            jdbc.execute("drop table incremental_" + mart);
        }
        assertThat(differing).allSatisfy((mart, rows) -> assertThat(rows).as(mart).isZero());
    }
}
