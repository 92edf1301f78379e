package org.tradewarehouse.rankings;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadService;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that changes the marts' definitions (or makes their tables anew, empty) leaves them out of date: they are
 * rebuilt at start, every year, when the warehouse holds facts.
 */
@SpringBootTest
@ActiveProfiles("test")
class MartsAfterUpgradeTest {

    private static final List<String> MARTS = List.of("mart.partner_sum", "mart.product_ranking", "mart.sankey_country",
            "mart.sankey_pair", "mart.sankey_link", "mart.geo_total");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LoadService loads;
    @Autowired
    MartsAfterUpgrade upgrade;
    @Autowired
    MartRefresher refresher;

    @Test
    void rebuildsEveryYearOfMartsWhoseDefinitionsChangedWithTheSameRows() throws Exception {
        TestWarehouse.reset(jdbc);
        loads.load(SamplePublication.write(Files.createTempDirectory("upgrade"), SamplePublication.Options.defaults()).zips(), false);
        Map<String, List<Map<String, Object>>> loaded = contents();
        assertThat(refresher.stale()).isEmpty();

        // as a changeset of marts/ applied again leaves them: other definitions than those of the last refresh, and
        // as 017 left them, empty
        jdbc.update("update mart.refresh_state set fingerprint = 'before' where item = 'definitions'");
        MARTS.forEach(mart -> jdbc.execute("truncate " + mart));
        assertThat(refresher.stale()).contains("the marts' definitions changed");

        upgrade.afterPropertiesSet();

        assertThat(refresher.stale()).isEmpty();
        assertThat(contents()).isEqualTo(loaded);
        assertThat(loaded.get("mart.sankey_link")).isNotEmpty();
    }

    @Test
    void leavesAnEmptyWarehouseAsItIs() {
        TestWarehouse.reset(jdbc);
        assertThat(refresher.stale()).contains("the marts were never built");

        upgrade.afterPropertiesSet();

        assertThat(jdbc.queryForObject("select count(*) from mart.refresh_state", Long.class)).isZero();
    }

    private Map<String, List<Map<String, Object>>> contents() {
        return Map.of("mart.product_ranking", jdbc.queryForList("select * from mart.product_ranking order by geo, year, flow, level, product"),
                "mart.sankey_link", jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country"),
                "mart.geo_total", jdbc.queryForList("select * from mart.geo_total order by geo, year, flow"));
    }
}
