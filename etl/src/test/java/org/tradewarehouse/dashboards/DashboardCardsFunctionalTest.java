package org.tradewarehouse.dashboards;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.ingest.LoadService;
import org.tradewarehouse.warehouse.ReaderRole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every card's SQL, run the way Metabase runs it — as the read-only role trade_reader, with the dashboard's default
 * filters (Haute-Vienne (87), 2024, A129) — on a loaded warehouse, gives the numbers of {@code fiche --format json}
 * for the same territory and year; the panorama's, the figures computed from the raw lines.
 */
@SpringBootTest(properties = "trade.reader.password=reader-test-password")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardCardsFunctionalTest {

    @TempDir
    static Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    FicheService fiches;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    JsonMapper json;
    JdbcTemplate reader;

    RawRows raw;
    List<Dashboard> dashboards;
    Fiche territory;
    Fiche region;
    Fiche france;

    @BeforeAll
    void load() throws Exception {
        raw = TestWarehouse.loadSample(dir, loads, jdbc);
        dashboards = DashboardFiles.read(DashboardPushTest.PROJECT_DASHBOARDS);
        reader = new JdbcTemplate(new DriverManagerDataSource(TestWarehouse.jdbcUrlAs(dataSource, ReaderRole.ROLE),
                ReaderRole.ROLE, "reader-test-password"));
        territory = fiches.fiche("dep:87", 2024, ProductLevel.A129);
        region = fiches.fiche(territory.geo().region().code(), 2024, ProductLevel.A129);
        france = fiches.fiche("fr", 2024, ProductLevel.A129);
    }

    @Test
    void theBundledDashboardsAreTheProjectsFiles() {
        assertThat(DashboardFiles.bundled()).isEqualTo(dashboards);
    }

    @Test
    void theDefaultFiltersAreTheSeedFiche() {
        Dashboard fiche = dashboard("fiche-territoriale");
        assertThat(fiche.parameters()).extracting(Dashboard.Parameter::key, p -> p.defaultValue().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("territoire", "Haute-Vienne (87)"),
                        org.assertj.core.groups.Tuple.tuple("annee", "2024"), org.assertj.core.groups.Tuple.tuple("niveau", "A129"));
    }

    @Test
    void everyFicheCardGivesTheFichesNumbers() {
        Dashboard d = dashboard("fiche-territoriale");
        Set<String> checked = new HashSet<>();
        for (Dashboard.Card card : d.cards()) {
            List<List<Object>> rows = run(d, card);
            switch (card.key()) {
                case "territoires" -> {
                    assertThat(rows.get(0)).containsExactly("France");
                    List<Object> labels = rows.stream().map(r -> r.get(0)).toList();
                    assertThat(labels).doesNotHaveDuplicates().contains("Haute-Vienne (87)", "Nouvelle-Aquitaine (région)")
                            .hasSize(jdbc.queryForObject("select count(*) from mart.territory", Integer.class));
                }
                case "kpi-exportations" -> assertThat(rows).containsExactly(List.of(meur(territory.exports().totalEur())));
                case "kpi-importations" -> assertThat(rows).containsExactly(List.of(meur(territory.imports().totalEur())));
                case "kpi-parts" -> {
                    assertThat(rows).hasSize(2);
                    kpi(rows.get(0), "Exportations", territory.exports());
                    kpi(rows.get(1), "Importations", territory.imports());
                }
                case "partenaires" -> assertThat(rows).containsExactlyElementsOf(territory.partners().stream()
                        .map(p -> List.<Object>of(p.name(), meur(-Math.min(p.importsEur(), p.exportsEur())),
                                meur(-Math.max(p.importsEur() - p.exportsEur(), 0)), meur(Math.min(p.importsEur(), p.exportsEur())),
                                meur(Math.max(p.exportsEur() - p.importsEur(), 0))))
                        .toList());
                case "partenaires-table" -> {
                    assertThat(rows).hasSameSizeAs(territory.partners());
                    for (int k = 0; k < rows.size(); k++) {
                        Fiche.Partner p = territory.partners().get(k);
                        assertThat(((Number) rows.get(k).get(0)).intValue()).isEqualTo(k + 1);
                        assertThat(rows.get(k).subList(1, 5)).containsExactly(p.name(), meur(p.importsEur()), meur(p.exportsEur()),
                                meur(p.balanceEur()));
                    }
                }
                case "produits-exportations" -> products(rows, "Exportations", ficheJson().path("products").path("exports"));
                case "produits-importations" -> products(rows, "Importations", ficheJson().path("products").path("imports"));
                case "sankey-exportations" -> assertThat(rows).containsExactlyElementsOf(links(territory.sankey().exports(), true, false));
                case "sankey-exportations-region" -> assertThat(rows).containsExactlyElementsOf(links(region.sankey().exports(), true, false));
                case "sankey-exportations-france" -> assertThat(rows).containsExactlyElementsOf(links(france.sankey().exports(), true, false));
                case "sankey-importations" -> assertThat(rows).containsExactlyElementsOf(links(territory.sankey().imports(), false, false));
                case "sankey-importations-region" -> assertThat(rows).containsExactlyElementsOf(links(region.sankey().imports(), false, false));
                case "sankey-importations-france" -> assertThat(rows).containsExactlyElementsOf(links(france.sankey().imports(), false, false));
                case "flux-principaux-exportations" -> assertThat(rows).hasSize(5)
                        .containsExactlyElementsOf(links(territory.sankey().exports(), true, true));
                case "flux-principaux-importations" -> assertThat(rows).hasSize(5)
                        .containsExactlyElementsOf(links(territory.sankey().imports(), true, true));
                case "evolution" -> assertThat(rows).containsExactlyElementsOf(territory.trend().quarters().stream()
                        .map(q -> List.<Object>of(q.year() + "-T" + q.quarter(), optionalMeur(q.exportsEur()),
                                optionalMeur(q.importsEur())))
                        .toList());
                case "exposition" -> {
                    assertThat(rows).hasSize(6);
                    List<String> partners = List.of("États-Unis", "Chine", "UE (26 autres membres)");
                    for (int k = 0; k < 6; k++) {
                        boolean exports = k < 3;
                        Fiche.PartnerShares own = exports ? territory.exposure().exports() : territory.exposure().imports();
                        Fiche.PartnerShares fr = exports ? territory.exposure().france().exports() : territory.exposure().france().imports();
                        assertThat(rows.get(k).get(0)).isEqualTo((exports ? "Export" : "Import") + " — " + partners.get(k % 3));
                        close(rows.get(k).get(1), partnerShares(own).get(k % 3));
                        close(rows.get(k).get(2), partnerShares(fr).get(k % 3));
                    }
                }
                case "exposition-table" -> {
                    assertThat(rows).extracting(r -> r.get(0) + " " + r.get(1)).containsExactly("Exportations Haute-Vienne",
                            "Exportations France", "Importations Haute-Vienne", "Importations France");
                    List<Fiche.PartnerShares> expected = List.of(territory.exposure().exports(),
                            territory.exposure().france().exports(), territory.exposure().imports(),
                            territory.exposure().france().imports());
                    for (int k = 0; k < 4; k++) {
                        Fiche.PartnerShares e = expected.get(k);
                        List<Double> figures = new ArrayList<>(partnerShares(e));
                        figures.add(e.partnerConcentration());
                        for (int c = 0; c < 4; c++) {
                            close(rows.get(k).get(2 + c), figures.get(c));
                        }
                    }
                    assertThat(territory.exposure().france()).isEqualTo(new Fiche.NationalExposure(
                            france.exposure().exports(), france.exposure().imports()));
                }
                case "dependance" -> {
                    List<Fiche.Supplier> suppliers = territory.dependence().imports();
                    assertThat(rows).hasSize(suppliers.size()).hasSize(10);
                    for (int k = 0; k < rows.size(); k++) {
                        Fiche.Supplier s = suppliers.get(k);
                        assertThat(rows.get(k).subList(0, 3)).containsExactly((long) k + 1,
                                territory.products().imports().get(k).name(), s.topCountryName());
                        close(rows.get(k).get(3), s.topCountryShare());
                    }
                }
                case "exportations-exposition" -> {
                    assertThat(rows).hasSize(territory.usExposure().exports().size()).hasSize(10);
                    for (int k = 0; k < rows.size(); k++) {
                        assertThat(rows.get(k).subList(0, 2)).containsExactly((long) k + 1, territory.products().exports().get(k).name());
                        close(rows.get(k).get(2), territory.usExposure().exports().get(k).shareUnitedStates());
                        close(rows.get(k).get(3), territory.specialisation().exports().get(k).index());
                    }
                }
                default -> throw new AssertionError("card " + card.key() + " has no check: add one");
            }
            assertThat(rows).as(card.key()).isNotEmpty();
            checked.add(card.key());
        }
        assertThat(checked).hasSize(d.cards().size());
    }

    @Test
    void thePanoramaRanksEveryDepartementAsTheRawLinesDo() {
        Dashboard d = dashboard("panorama");
        Map<String, Long> exports = raw.euros(f -> f[2].equals("2024") && f[0].equals("E") ? f[3] : "-");
        Map<String, Long> imports = raw.euros(f -> f[2].equals("2024") && f[0].equals("I") ? f[3] : "-");
        Map<String, Long> toUs = raw.euros(f -> f[2].equals("2024") && f[0].equals("E") && f[7].equals("US") ? f[3] : "-");
        Set<String> deps = new HashSet<>(exports.keySet());
        deps.addAll(imports.keySet());
        deps.remove("-");
        Function<String, Long> e = dep -> exports.getOrDefault(dep, 0L);
        Function<String, Long> i = dep -> imports.getOrDefault(dep, 0L);
        Function<String, BigDecimal> share = dep -> e.apply(dep) == 0 ? null
                : new BigDecimal(toUs.getOrDefault(dep, 0L)).divide(new BigDecimal(e.apply(dep)), 20, java.math.RoundingMode.HALF_EVEN);

        Map<String, Map<String, Long>> byCountry = new java.util.HashMap<>();
        raw.rows().stream().filter(f -> f[2].equals("2024") && f[0].equals("E")).forEach(f -> byCountry
                .computeIfAbsent(f[3], k -> new java.util.HashMap<>()).merge(f[7], Long.parseLong(f[8]), Long::sum));
        Function<String, Double> euShare = dep -> e.apply(dep) == 0 ? null : (double) byCountry.get(dep).entrySet().stream()
                .filter(x -> EU26.contains(x.getKey())).mapToLong(Map.Entry::getValue).sum() / e.apply(dep);
        Function<String, Double> concentration = dep -> e.apply(dep) == 0 ? null : byCountry.get(dep).values().stream()
                .mapToDouble(v -> Math.pow((double) v / e.apply(dep), 2)).sum();

        Set<String> checked = new HashSet<>();
        for (Dashboard.Card card : d.cards()) {
            List<List<Object>> rows = run(d, card);
            switch (card.key()) {
                case "classement" -> {
                    List<String> byEu = ranked(deps, dep -> euShare.apply(dep) == null ? null : BigDecimal.valueOf(euShare.apply(dep)));
                    List<String> byConcentration = ranked(deps, dep -> concentration.apply(dep) == null ? null
                            : BigDecimal.valueOf(concentration.apply(dep)));
                    for (List<Object> r : rows) {
                        String dep = code(r.get(1));
                        close(r.get(10), euShare.apply(dep));
                        assertThat(r.get(11)).as(dep).isEqualTo((long) byEu.indexOf(dep) + 1);
                        close(r.get(12), concentration.apply(dep));
                        assertThat(r.get(13)).as(dep).isEqualTo((long) byConcentration.indexOf(dep) + 1);
                    }
                    assertThat(rows.stream().map(r -> r.get(10)).distinct()).as("EU shares differ").hasSizeGreaterThan(2);
                    List<String> byExports = ranked(deps, dep -> new BigDecimal(e.apply(dep)));
                    assertThat(rows).extracting(r -> code(r.get(1))).containsExactlyElementsOf(byExports);
                    for (List<Object> r : rows) {
                        String dep = code(r.get(1));
                        assertThat(r.get(0)).isEqualTo((long) byExports.indexOf(dep) + 1);
                        assertThat(r.subList(3, 6)).containsExactly(meur(e.apply(dep)), meur(i.apply(dep)), meur(e.apply(dep) - i.apply(dep)));
                        assertThat(decimal(r.get(6))).isEqualTo(share.apply(dep) == null ? null : share.apply(dep).stripTrailingZeros());
                        assertThat(r.get(7)).isEqualTo((long) ranked(deps, x -> new BigDecimal(i.apply(x))).indexOf(dep) + 1);
                        assertThat(r.get(8)).isEqualTo((long) ranked(deps, x -> new BigDecimal(e.apply(x) - i.apply(x))).indexOf(dep) + 1);
                        assertThat(r.get(9)).isEqualTo((long) ranked(deps, share).indexOf(dep) + 1);
                    }
                    List<Object> hauteVienne = rows.stream().filter(r -> r.get(1).equals("Haute-Vienne (87)")).findFirst().orElseThrow();
                    assertThat(hauteVienne.subList(3, 5)).containsExactly(meur(territory.exports().totalEur()), meur(territory.imports().totalEur()));
                }
                case "part-etats-unis" -> {
                    List<String> withExports = deps.stream().filter(dep -> e.apply(dep) > 0).toList();
                    List<String> top = ranked(withExports, share);
                    assertThat(rows).extracting(r -> code(r.get(0))).containsExactlyElementsOf(top.subList(0, Math.min(20, top.size())));
                    rows.forEach(r -> assertThat(decimal(r.get(1))).isEqualTo(share.apply(code(r.get(0))).stripTrailingZeros()));
                }
                case "solde" -> {
                    Function<String, Long> balance = dep -> e.apply(dep) - i.apply(dep);
                    List<String> byBalance = ranked(deps, dep -> new BigDecimal(balance.apply(dep)));
                    List<String> surpluses = byBalance.stream().filter(dep -> balance.apply(dep) > 0).limit(10).toList();
                    List<String> deficits = ranked(deps, dep -> new BigDecimal(-balance.apply(dep))).stream()
                            .filter(dep -> balance.apply(dep) < 0).limit(10).toList();
                    List<String> shown = byBalance.stream().filter(dep -> surpluses.contains(dep) || deficits.contains(dep)).toList();
                    assertThat(rows).extracting(r -> code(r.get(0))).containsExactlyElementsOf(shown);
                    assertThat(deficits).as("the sample has deficits to show").isNotEmpty();
                    rows.forEach(r -> {
                        long b = balance.apply(code(r.get(0)));
                        assertThat(r.subList(1, 3)).containsExactly(b > 0 ? meur(b) : "null", b < 0 ? meur(b) : "null");
                    });
                }
                default -> throw new AssertionError("card " + card.key() + " has no check: add one");
            }
            checked.add(card.key());
        }
        assertThat(checked).hasSize(d.cards().size());
    }

    @Test
    void everyColumnASettingNamesIsAColumnOfItsCard() {
        List<String> missing = new ArrayList<>();
        for (Dashboard d : dashboards) {
            for (Dashboard.Card card : d.cards()) {
                Set<String> columns = new HashSet<>(columns(d, card));
                for (String named : namedColumns(card.visualization())) {
                    if (!columns.contains(named)) {
                        missing.add(d.key() + "/" + card.key() + ": " + named + " (columns: " + columns + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The columns a card's settings name: dimensions, metrics, series, treemap and Sankey fields, formatted columns. */
    static List<String> namedColumns(Map<String, Object> settings) {
        List<String> named = new ArrayList<>();
        settings.forEach((key, value) -> {
            switch (key) {
                case "graph.dimensions", "graph.metrics" -> ((List<?>) value).forEach(v -> named.add(v.toString()));
                case "treemap.grouping", "treemap.sub_grouping", "treemap.value", "sankey.source", "sankey.target",
                     "sankey.value" -> named.add(value.toString());
                case "series_settings" -> ((Map<?, ?>) value).keySet().forEach(k -> named.add(k.toString()));
                case "column_settings" -> ((Map<?, ?>) value).keySet().forEach(k -> {
                    Matcher m = java.util.regex.Pattern.compile("^\\[\"name\",\"(.*)\"]$").matcher(k.toString());
                    assertThat(m.matches()).as(k.toString()).isTrue();
                    named.add(m.group(1));
                });
                case "table.column_formatting" -> ((List<?>) value).forEach(rule ->
                        ((List<?>) ((Map<?, ?>) rule).get("columns")).forEach(c -> named.add(c.toString())));
                default -> {
                }
            }
        });
        return named;
    }

    List<String> columns(Dashboard d, Dashboard.Card card) {
        return reader.query("select * from (\n" + withDefaults(d, card) + "\n) card limit 0", rs -> {
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                names.add(rs.getMetaData().getColumnLabel(c));
            }
            return names;
        });
    }

    /** Runs a card's SQL as Metabase does: each {{tag}} replaced by the dashboard's default value of that filter. */
    List<List<Object>> run(Dashboard d, Dashboard.Card card) {
        return reader.query(withDefaults(d, card), (rs, n) -> {
            List<Object> row = new ArrayList<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                Object v = rs.getObject(c);
                row.add(v == null ? "null" : v instanceof BigDecimal b ? b.stripTrailingZeros() : v);
            }
            return row;
        });
    }

    /** The card's SQL with each {{tag}} replaced by the dashboard's default value of that filter. */
    static String withDefaults(Dashboard d, Dashboard.Card card) {
        return Dashboard.Card.TAG.matcher(card.query()).replaceAll(r -> {
            Dashboard.Parameter p = d.parameters().stream().filter(x -> x.key().equals(r.group(1))).findFirst().orElseThrow();
            return Matcher.quoteReplacement(p.isNumber() ? p.defaultValue().toString()
                    : "'" + p.defaultValue().toString().replace("'", "''") + "'");
        });
    }

    static List<Double> partnerShares(Fiche.PartnerShares e) {
        return List.of(e.shareUnitedStates(), e.shareChina(), e.shareEu27());
    }

    /** A card's number as the fiche's JSON gives it, within 1e-9. */
    static void close(Object cell, Double expected) {
        assertThat(expected).isNotNull();
        assertThat(((BigDecimal) cell).doubleValue()).isCloseTo(expected, within(1e-9));
    }

    static Object optionalMeur(Long euros) {
        return euros == null ? "null" : meur(euros);
    }

    /** Flow, M€, share of the région, share of France, change from the previous year. */
    static void kpi(List<Object> row, String flow, Fiche.FlowTotal t) {
        assertThat(row.subList(0, 2)).containsExactly(flow, meur(t.totalEur()));
        assertThat(((BigDecimal) row.get(2)).doubleValue()).isCloseTo(t.shareOfRegion(), within(1e-15));
        assertThat(((BigDecimal) row.get(3)).doubleValue()).isCloseTo(t.shareOfFrance(), within(1e-15));
        assertThat(((BigDecimal) row.get(4)).doubleValue())
                .isCloseTo((double) t.totalEur() / t.previousYearEur() - 1, within(1e-15));
    }

    /** The territory's fiche as {@code fiche --format json} prints it: the Fiche written by the application's JsonMapper. */
    JsonNode ficheJson() {
        return json.readTree(json.writeValueAsString(territory));
    }

    /**
     * The treemap's tiles are the products of the fiche's JSON, in its order: its top 10, then AUTRES ("Autres
     * produits") for the rest of the flow; each row: flow (the one group), name, M€, share of the flow.
     */
    static void products(List<List<Object>> rows, String flow, JsonNode products) {
        assertThat(products).hasSize(11);
        assertThat(products.get(10).path("code").asString()).isEqualTo("AUTRES");
        assertThat(rows).hasSize(11);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode p = products.get(i);
            assertThat(p.path("code").asString()).isNotBlank();
            assertThat(rows.get(i).subList(0, 3)).containsExactly(flow, p.path("name").asString(), meur(p.path("valueEur").asLong()));
            assertThat(((BigDecimal) rows.get(i).get(3)).doubleValue()).isCloseTo(p.path("share").asDouble(), within(1e-15));
        }
    }

    /** The fiche's links as (source, target, M€): product → country for exports, country → product for imports. */
    static List<List<Object>> links(Fiche.Sankey s, boolean productFirst, boolean highlightedOnly) {
        Map<String, String> products = s.products().stream().collect(Collectors.toMap(Fiche.Node::code, Fiche.Node::name));
        Map<String, String> countries = s.countries().stream().collect(Collectors.toMap(Fiche.Node::code, Fiche.Node::name));
        return s.links().stream().filter(l -> !highlightedOnly || l.highlight()).map(l -> {
            String p = products.get(l.product());
            String c = countries.get(l.country());
            return List.<Object>of(productFirst ? p : c, productFirst ? c : p, meur(l.valueEur()));
        }).toList();
    }

    /** Départements by a value, largest first, ties and missing values (last) by code. */
    static List<String> ranked(java.util.Collection<String> deps, Function<String, BigDecimal> value) {
        return deps.stream().sorted(Comparator.comparing(value, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    /** The 26 member states of the EU-27 other than France, as the issue lists them. */
    static final Set<String> EU26 = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "GR", "HR", "HU",
            "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    static BigDecimal meur(long euros) {
        return new BigDecimal(euros).movePointLeft(6).stripTrailingZeros();
    }

    static BigDecimal decimal(Object v) {
        return v.equals("null") ? null : ((BigDecimal) v).setScale(20, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    static String code(Object label) {
        String s = label.toString();
        return s.substring(s.lastIndexOf('(') + 1, s.length() - 1);
    }

    Dashboard dashboard(String key) {
        return dashboards.stream().filter(x -> Objects.equals(x.key(), key)).findFirst().orElseThrow();
    }
}
