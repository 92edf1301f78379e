package org.tradewarehouse.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.rankings.MartRefresher;
import org.tradewarehouse.rankings.RebuiltMarts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load refreshes the marts of the years it touched (and the year after, for the change): after loads of years out
 * of order, and a rolling publication that revises one quarter and withdraws a line, every mart holds what a rebuild
 * of every year from scratch gives (EXCEPT ALL both ways), and the totals and partners the raw lines give.
 */
@SpringBootTest
@ActiveProfiles("test")
class IncrementalRefreshFunctionalTest {

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MartRefresher refresher;
    @Autowired
    PlatformTransactionManager tm;

    @Test
    void everyMartEqualsARebuildAndTheRawLinesAfterYearsOutOfOrderARevisionAndAWithdrawnLine() throws Exception {
        TestWarehouse.reset(jdbc);
        List<String[]> raw = new ArrayList<>();

        Map<String, List<Integer>> rewritten = Map.of();
        for (int year : List.of(2024, 2022, 2023)) { // 2023 last: 2024's change from the year before comes with it
            List<Path> zips = SamplePublication.write(dir.resolve("y" + year), new SamplePublication.Options(year, year, year, 3_000)).zips();
            var before = versions();
            assertThat(loads.load(zips, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
            rewritten = rewritten(before);
            raw.addAll(RawRows.of(zips).rows());
            assertMartsExact(raw);
        }
        // the load of 2023 rewrote 2023's rows, and 2024's in the marts giving the change; 2022's were left alone
        assertThat(rewritten.get("geo_total")).containsExactly(2023, 2024);
        assertThat(rewritten.get("product_ranking")).containsExactly(2023, 2024);
        assertThat(rewritten.get("sankey_link")).containsExactly(2023);
        assertThat(rewritten.get("sankey_pair")).containsExactly(2023);

        // a rolling publication: 2023-T2's exports revised (tripled), their first line withdrawn
        List<String[]> quarter = raw.stream().filter(f -> f[0].equals("E") && f[2].equals("2023") && f[1].equals("2")).toList();
        List<String[]> revised = quarter.stream().skip(1)
                .map(f -> { String[] c = f.clone(); c[8] = Long.toString(Long.parseLong(f[8]) * 3); return c; }).toList();
        var rolling = LoadJobFunctionalTest.zip(dir.resolve("rolling.zip"),
                Map.of("REGIONAL_CPF4PAYSE.txt", LoadJobFunctionalTest.lines(revised, "E")));
        var before = versions();
        assertThat(loads.load(List.of(rolling), false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        raw.removeAll(quarter);
        raw.addAll(revised);

        rewritten = rewritten(before);
        assertThat(rewritten.get("partner_ranking")).containsExactly(2023, 2024);
        assertThat(rewritten.get("cpf4_sum")).containsExactly(2023);
        assertMartsExact(raw);
    }

    /** Each mart's rows per year, by the transactions that wrote them (xmin): a year rewritten gets others. */
    private Map<String, Map<Integer, String>> versions() {
        Map<String, Map<Integer, String>> versions = new HashMap<>();
        for (String mart : RebuiltMarts.MARTS.keySet()) {
            Map<Integer, String> byYear = new HashMap<>();
            jdbc.query("select year, string_agg(distinct xmin::text, ',') from mart." + mart + " group by year",
                    rs -> { byYear.put(rs.getInt(1), rs.getString(2)); });
            versions.put(mart, byYear);
        }
        return versions;
    }

    /** Per mart, the years whose rows were written since those versions. */
    private Map<String, List<Integer>> rewritten(Map<String, Map<Integer, String>> before) {
        Map<String, List<Integer>> rewritten = new HashMap<>();
        versions().forEach((mart, now) -> rewritten.put(mart, now.keySet().stream()
                .filter(y -> !now.get(y).equals(before.get(mart).get(y))).sorted().toList()));
        return rewritten;
    }

    /** The marts as they are, against a rebuild of every year (then put back, for the next load) and the raw lines. */
    private void assertMartsExact(List<String[]> raw) {
        RebuiltMarts.assertSameAsARebuild(jdbc, refresher, tm);

        RawRows lines = new RawRows(raw);
        Map<String, Long> totals = lines.euros(f -> "dep:" + f[3] + " " + f[2] + f[0]);
        totals.putAll(lines.euros(f -> "fr " + f[2] + f[0]));
        assertThat(TestWarehouse.sums(jdbc, "select geo || ' ' || year || flow, value_eur from mart.geo_total"
                + " where geo like 'dep:%' or geo = 'fr'")).isEqualTo(totals);
        Map<String, Long> previous = new HashMap<>();
        totals.forEach((key, eur) -> {
            String before = key.replaceFirst(" (\\d{4})", " " + (Integer.parseInt(key.replaceAll(".* (\\d{4}).*", "$1")) - 1));
            if (totals.containsKey(before)) {
                previous.put(key, totals.get(before));
            }
        });
        assertThat(TestWarehouse.sums(jdbc, "select geo || ' ' || year || flow, previous_year_eur from mart.geo_total"
                + " where (geo like 'dep:%' or geo = 'fr') and previous_year_eur is not null")).isEqualTo(previous);
        Map<String, Long> partners = lines.euros(f -> "dep:" + f[3] + " " + f[2] + " " + f[7] + " " + f[0]);
        Map<String, Long> held = new HashMap<>(TestWarehouse.sums(jdbc, "select geo || ' ' || year || ' ' || country || ' E',"
                + " exports_eur from mart.partner_ranking where geo like 'dep:%' and exports_eur > 0"));
        held.putAll(TestWarehouse.sums(jdbc, "select geo || ' ' || year || ' ' || country || ' I', imports_eur"
                + " from mart.partner_ranking where geo like 'dep:%' and imports_eur > 0"));
        assertThat(held).isEqualTo(partners.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
