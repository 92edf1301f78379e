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

/** A migration that redefines marts leaves them empty: they are rebuilt at start when the warehouse holds facts. */
@SpringBootTest
@ActiveProfiles("test")
class MartsAfterUpgradeTest {

    private static final List<String> MARTS = List.of("mart.partner_sum", "mart.product_ranking", "mart.sankey_country",
            "mart.sankey_pair", "mart.sankey_link");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LoadService loads;
    @Autowired
    MartsAfterUpgrade upgrade;

    @Test
    void rebuildsEmptiedMartsWithTheSameRows() throws Exception {
        TestWarehouse.reset(jdbc);
        loads.load(SamplePublication.write(Files.createTempDirectory("upgrade"), SamplePublication.Options.defaults()).zips(), false);
        Map<String, List<Map<String, Object>>> loaded = contents();

        for (String mart : MARTS) { // as a changeset recreating them leaves them
            jdbc.execute("refresh materialized view " + mart + " with no data");
        }
        assertThat(unpopulated()).containsExactlyInAnyOrderElementsOf(MARTS);

        upgrade.afterPropertiesSet();

        assertThat(unpopulated()).isEmpty();
        assertThat(contents()).isEqualTo(loaded);
        assertThat(loaded.get("mart.sankey_link")).isNotEmpty();
    }

    @Test
    void leavesAnEmptyWarehouseAsItIs() {
        TestWarehouse.reset(jdbc);
        jdbc.execute("refresh materialized view mart.product_ranking with no data");

        try {
            upgrade.afterPropertiesSet();

            assertThat(unpopulated()).contains("mart.product_ranking");
        } finally {
            jdbc.execute("refresh materialized view mart.product_ranking"); // as the other tests expect it
        }
    }

    private List<String> unpopulated() {
        return jdbc.queryForList("select schemaname || '.' || matviewname from pg_matviews"
                + " where schemaname = 'mart' and not ispopulated", String.class);
    }

    private Map<String, List<Map<String, Object>>> contents() {
        return Map.of("mart.product_ranking", jdbc.queryForList("select * from mart.product_ranking order by geo, year, flow, level, product"),
                "mart.sankey_link", jdbc.queryForList("select * from mart.sankey_link order by geo, year, flow, level, product, country"),
                "mart.geo_total", jdbc.queryForList("select * from mart.geo_total order by geo, year, flow"));
    }
}
