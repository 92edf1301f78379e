package org.tradewarehouse.ingest;

import org.tradewarehouse.SeedFiche;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.FicheText;
import org.tradewarehouse.fiche.ProductLevel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compatibility check run by CI only: loads a publication written by an outside generator (real format, real
 * annexes) and compares every département's, région's and France's totals with the totals.json written beside it,
 * then the fiche's figures with the published Haute-Vienne 2024 fiche the generator is calibrated on.
 * {@code -Dtrade.compat.dir=DIR} names the folder; without it the test is skipped.
 */
@SpringBootTest
@ActiveProfiles("test")
@EnabledIfSystemProperty(named = "trade.compat.dir", matches = ".+")
class PublicationCompatibilityCheckTest {

    private static final Pattern ENTRY = Pattern.compile("\"((?:dep|reg):[0-9A-Z]+|fr)\"\\s*:\\s*(\\d+)");

    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FicheService fiches;

    @Test
    void totalsMatchTheGeneratorsTotals() throws Exception {
        Path dir = Path.of(System.getProperty("trade.compat.dir"));
        List<Path> zips;
        try (Stream<Path> files = Files.list(dir)) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        TestWarehouse.reset(jdbc);

        LoadOutcome outcome = loads.load(zips, false);
        assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        // Loading twice changes nothing.
        assertThat(loads.load(zips, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);

        String json = Files.readString(dir.resolve("totals.json"));
        for (String flow : List.of("E", "I")) {
            String section = json.substring(json.indexOf("\"" + flow + "\""));
            section = section.substring(0, section.indexOf('}'));
            Map<String, Long> expected = new TreeMap<>();
            Matcher m = ENTRY.matcher(section);
            while (m.find()) {
                expected.put(m.group(1), Long.parseLong(m.group(2)));
            }
            assertThat(expected).containsKey("fr").containsKey("dep:87").containsKey("reg:09");
            Map<String, Long> actual = new TreeMap<>();
            jdbc.query("select 'dep:' || g.dep_code as k, sum(f.value_eur) as eur from dw.fact_trade f join dw.dim_geography g"
                    + " using (geo_key) where f.flow = ? group by 1 union all select 'reg:' || g.region_code, sum(f.value_eur)"
                    + " from dw.fact_trade f join dw.dim_geography g using (geo_key) where f.flow = ? group by 1"
                    + " union all select 'fr', sum(value_eur) from dw.fact_trade where flow = ?", rs -> {
                actual.put(rs.getString("k"), rs.getLong("eur"));
            }, flow, flow, flow);
            assertThat(actual).as("totals of flow %s", flow).isEqualTo(expected);
        }
        seedFicheFigures();
    }

    /** The figures of the published Haute-Vienne 2024 fiche, which the generator is calibrated on. */
    private void seedFicheFigures() {
        assertThat(FicheText.render(fiches.fiche("dep:87", 2024, ProductLevel.A129))).contains(SeedFiche.HAUTE_VIENNE_2024_TOTALS);
        assertThat(FicheText.render(fiches.fiche("reg:09", 2024, ProductLevel.A129))).contains(
                "Total des exportations : 26 635.6 millions d'euros", "Total des importations : 27 634.2 millions d'euros");
        assertThat(FicheText.render(fiches.fiche("fr", 2024, ProductLevel.A129))).contains(
                "Total des exportations : 580 354.5 millions d'euros", "Total des importations : 684 776.3 millions d'euros");
    }
}
