package org.tradewarehouse.warehouse;

import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.TableOptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.db.dw.Dw;
import org.tradewarehouse.db.mart.Mart;
import org.tradewarehouse.db.staging.Staging;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jOOQ classes the application reads the warehouse with must describe the schema the Liquibase changelog
 * builds: every table and view, every column with its type. Fails when one is changed without the other.
 */
@SpringBootTest
@ActiveProfiles("test")
class GeneratedCodeDriftTest {

    @Autowired
    DSLContext dsl;

    @Test
    void generatedClassesMatchTheSchemaTheChangelogBuilds() {
        for (Schema generated : List.of(Dw.DW, Staging.STAGING, Mart.MART)) {
            Schema live = dsl.meta().getSchemas(generated.getName()).get(0);
            assertThat(describe(generated)).as("schema %s", generated.getName()).isEqualTo(describe(live));
        }
        // not vacuous: the live schemas hold the tables and the materialised views
        assertThat(describe(dsl.meta().getSchemas("dw").get(0))).containsKeys("fact_trade", "dim_product", "load_slice");
        assertThat(describe(dsl.meta().getSchemas("mart").get(0))).containsKeys("geo_total", "sankey_link", "territory");
        assertThat(describe(dsl.meta().getSchemas("mart").get(0)).get("sankey_link")).contains("value_eur bigint", "highlight_rank smallint");
    }

    /** table -> "column type" list; the partitions of the facts and of their sums, and load-time shadows, are not part of the model. */
    private static Map<String, List<String>> describe(Schema schema) {
        return schema.getTables().stream()
                .filter(t -> !t.getName().matches("(fact_trade|slice_sum)_.+"))
                .filter(t -> t.getTableType() != TableOptions.TableType.FUNCTION) // the marts' SQL helpers
                .collect(Collectors.toMap(Table::getName,
                        t -> t.fieldStream().map(f -> f.getName() + " " + f.getDataType().getSQLDataType().getTypeName()).toList(),
                        (a, b) -> a, TreeMap::new));
    }
}
