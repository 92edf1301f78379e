package org.tradewarehouse.fiche;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every number of the fiche, for a département, a région and France, against figures computed from the raw lines. */
class FicheFunctionalTest extends SampleLoadedTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dep:87, A129, 5", "reg:09, A129, 5", "fr, A129, 5", "dep:33, CPF4, 6", "fr, CPF4, 6"})
    void everyNumberMatchesTheRawLines(String geo, String level, int productField) {
        Fiche fiche = fiches.fiche(geo, 2024, ProductLevel.valueOf(level));
        ExpectedFiche expected = new ExpectedFiche(raw, geo, 2024, productField);

        assertThat(fiche.geo().code()).isEqualTo(geo);
        assertThat(fiche.productLevel()).isEqualTo(level);
        for (String flow : List.of("E", "I")) {
            Fiche.FlowTotal total = flow.equals("E") ? fiche.exports() : fiche.imports();
            long value = expected.total(flow, 2024);
            assertThat(total.totalEur()).isEqualTo(value);
            assertThat(total.previousYearEur()).isEqualTo(expected.total(flow, 2023));
            long france = expected.total(flow, 2024, f -> true);
            if (geo.equals("fr")) {
                assertThat(total.shareOfFrance()).isNull();
            } else {
                assertThat(total.shareOfFrance()).isCloseTo((double) value / france, within(1e-12));
            }
            if (geo.startsWith("dep:")) {
                String region = raw.rows().stream().filter(f -> f[3].equals(geo.substring(4))).findFirst().orElseThrow()[4];
                long regionTotal = expected.total(flow, 2024, f -> f[4].equals(region));
                assertThat(total.shareOfRegion()).isCloseTo((double) value / regionTotal, within(1e-12));
            } else {
                assertThat(total.shareOfRegion()).isNull();
            }

            // products: top 10 then AUTRES with the rest
            List<Fiche.Product> products = flow.equals("E") ? fiche.products().exports() : fiche.products().imports();
            var ranked = expected.ranked(flow, productField);
            for (int i = 0; i < 10 && i < ranked.size(); i++) {
                Fiche.Product p = products.get(i);
                assertThat(p.code()).isEqualTo(ranked.get(i).getKey());
                assertThat(p.valueEur()).isEqualTo(ranked.get(i).getValue());
                assertThat(p.share()).isCloseTo((double) ranked.get(i).getValue() / value, within(1e-12));
                long previous = expected.previousValue(flow, productField, p.code());
                assertThat(p.previousYearEur()).isEqualTo(previous == 0 ? null : previous);
            }
            long rest = ranked.stream().skip(10).mapToLong(Map.Entry::getValue).sum();
            if (rest > 0) {
                assertThat(products).hasSize(11);
                assertThat(products.get(10).code()).isEqualTo("AUTRES");
                assertThat(products.get(10).valueEur()).isEqualTo(rest);
            } else {
                assertThat(products).hasSize(Math.min(10, ranked.size()));
            }

            // Sankey: every link's value, and which five are highlighted
            Fiche.Sankey sankey = flow.equals("E") ? fiche.sankey().exports() : fiche.sankey().imports();
            Map<String, Long> links = new HashMap<>();
            sankey.links().forEach(l -> links.put(l.product() + ">" + l.country(), l.valueEur()));
            assertThat(links).isEqualTo(expected.links(flow));
            assertThat(sankey.links().stream().filter(Fiche.Link::highlight).map(l -> l.product() + ">" + l.country()))
                    .containsExactlyInAnyOrderElementsOf(expected.highlighted(flow));
            assertThat(jdbc.queryForList("select product || '>' || country from mart.sankey_link where geo = ? and year = 2024"
                    + " and flow = ? and level = ? and highlight_rank is not null order by highlight_rank", String.class,
                    geo, flow, level)).as("highlighted links by rank").containsExactlyElementsOf(expected.highlighted(flow));
            assertThat(sankey.products()).hasSizeLessThanOrEqualTo(11);
            assertThat(sankey.countries()).hasSizeLessThanOrEqualTo(11);
        }

        // partners: top 10 by imports + exports
        var partners = expected.partners();
        assertThat(fiche.partners()).hasSize(partners.size());
        for (int i = 0; i < partners.size(); i++) {
            Fiche.Partner p = fiche.partners().get(i);
            assertThat(p.country()).isEqualTo(partners.get(i)[0]);
            assertThat(p.importsEur()).isEqualTo(partners.get(i)[1]);
            assertThat(p.exportsEur()).isEqualTo(partners.get(i)[2]);
            assertThat(p.balanceEur()).isEqualTo((long) partners.get(i)[2] - (long) partners.get(i)[1]);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dep:87, A129, 5", "reg:09, A129, 5", "fr, A129, 5", "dep:33, CPF4, 6", "reg:09, A38, -1"})
    void theTrendExposureAndDependenceMatchTheRawLines(String geo, String level, int productField) {
        Fiche fiche = fiches.fiche(geo, 2024, ProductLevel.valueOf(level));
        ExpectedFiche expected = new ExpectedFiche(level.equals("A38") ? withA38() : raw, geo, 2024,
                level.equals("A38") ? 9 : productField);

        // every quarter of 2023 and 2024, each flow's value exact
        List<Object[]> quarters = expected.quarters();
        assertThat(quarters).hasSize(8);
        assertThat(fiche.trend().quarters()).extracting(q -> new Object[]{q.year(), q.quarter(), q.exportsEur(), q.importsEur()})
                .containsExactlyElementsOf(quarters);

        // exposure: the territory's and France's, within 1e-9
        shares(fiche.exposure().exports(), expected.exposure("E", false));
        shares(fiche.exposure().imports(), expected.exposure("I", false));
        shares(fiche.exposure().france().exports(), expected.exposure("E", true));
        shares(fiche.exposure().france().imports(), expected.exposure("I", true));
        assertThat(fiche.exposure().exports().shareUnitedStates()).as("the sample exports to the United States").isPositive();
        assertThat(fiche.exposure().imports().shareEu27()).isPositive();
        if (geo.equals("fr")) {
            assertThat(fiche.exposure().france()).isEqualTo(new Fiche.NationalExposure(fiche.exposure().exports(),
                    fiche.exposure().imports()));
        }

        // dependence: each top imported product's main supplier and its share
        List<Object[]> suppliers = expected.suppliers();
        assertThat(fiche.dependence().imports()).hasSize(suppliers.size()).hasSizeGreaterThan(0);
        for (int i = 0; i < suppliers.size(); i++) {
            Fiche.Supplier s = fiche.dependence().imports().get(i);
            assertThat(s.product()).isEqualTo(suppliers.get(i)[0]);
            assertThat(s.topCountry()).isEqualTo(suppliers.get(i)[1]);
            assertThat(s.topCountryName()).isNotBlank();
            assertThat(s.topCountryShare()).isCloseTo((Double) suppliers.get(i)[2], within(1e-9));
        }
        assertThat(fiche.dependence().imports()).extracting(Fiche.Supplier::product)
                .containsExactlyElementsOf(fiche.products().imports().stream().map(Fiche.Product::code)
                        .filter(c -> !c.equals(Fiche.OTHERS)).toList());

        // United States' part of each top exported product
        List<Object[]> us = expected.unitedStatesShares();
        assertThat(fiche.usExposure().exports()).hasSize(us.size());
        for (int i = 0; i < us.size(); i++) {
            assertThat(fiche.usExposure().exports().get(i).product()).isEqualTo(us.get(i)[0]);
            assertThat(fiche.usExposure().exports().get(i).shareUnitedStates()).isCloseTo((Double) us.get(i)[1], within(1e-9));
        }
        assertThat(fiche.usExposure().exports()).anySatisfy(p -> assertThat(p.shareUnitedStates()).isPositive());

        // specialisation (Balassa): 1 for France
        List<Object[]> indices = expected.specialisation();
        assertThat(fiche.specialisation().exports()).hasSize(indices.size());
        for (int i = 0; i < indices.size(); i++) {
            Fiche.ProductIndex p = fiche.specialisation().exports().get(i);
            assertThat(p.product()).isEqualTo(indices.get(i)[0]);
            assertThat(p.index()).isCloseTo((Double) indices.get(i)[1], within(1e-9));
            if (geo.equals("fr")) {
                assertThat(p.index()).isEqualTo(1.0);
            }
        }
        if (!geo.equals("fr")) {
            assertThat(fiche.specialisation().exports()).anySatisfy(p -> assertThat(p.index()).isNotCloseTo(1.0, within(0.01)));
        }
    }

    /** The raw lines with their A38 code as a 10th field (column 9), from the CPF4's code in the warehouse's dimension. */
    private org.tradewarehouse.RawRows withA38() {
        Map<String, String> a38 = new HashMap<>();
        jdbc.query("select cpf4, coalesce(a38, '?') from dw.dim_product", rs -> {
            a38.put(rs.getString(1), rs.getString(2));
        });
        return new org.tradewarehouse.RawRows(raw.rows().stream().map(f -> {
            String[] g = java.util.Arrays.copyOf(f, 10);
            g[9] = a38.get(f[6]);
            return g;
        }).toList());
    }

    private static void shares(Fiche.PartnerShares actual, Double[] expected) {
        assertThat(actual.shareUnitedStates()).isCloseTo(expected[0], within(1e-9));
        assertThat(actual.shareChina()).isCloseTo(expected[1], within(1e-9));
        assertThat(actual.shareEu27()).isCloseTo(expected[2], within(1e-9));
        assertThat(actual.partnerConcentration()).isCloseTo(expected[3], within(1e-9)).isBetween(0.0, 1.0);
    }

    @Test
    void aComparisonIsTheFichesYearWithoutTheFiguresBeyondIt() {
        for (String geo : List.of("reg:09", "fr")) {
            Fiche full = fiches.fiche(geo, 2024, ProductLevel.A129);
            assertThat(fiches.comparison(geo, 2024, ProductLevel.A129)).isEqualTo(new Fiche(full.geo(), full.year(),
                    full.productLevel(), full.exports(), full.imports(), full.partners(), full.products(), full.sankey(),
                    null, null, null, null, null));
        }
    }

    @Test
    void theJsonFollowsTheContract() throws Exception {
        JsonNode node = json.readTree(json.writeValueAsString(fiches.fiche("dep:87", 2024, ProductLevel.A129)));

        assertThat(node.get("geo").get("code").asString()).isEqualTo("dep:87");
        assertThat(node.get("geo").get("name").asString()).isEqualTo("Haute-Vienne");
        assertThat(node.get("geo").get("region").get("code").asString()).isEqualTo("reg:09");
        assertThat(node.get("geo").get("region").get("name").asString()).isEqualTo("Nouvelle-Aquitaine");
        assertThat(node.get("year").asInt()).isEqualTo(2024);
        assertThat(node.get("productLevel").asString()).isEqualTo("A129");
        assertThat(node.get("exports").propertyNames()).containsExactly("totalEur", "shareOfRegion", "shareOfFrance", "previousYearEur");
        assertThat(node.get("partners").get(0).propertyNames())
                .startsWith("country", "name", "importsEur", "exportsEur", "balanceEur");
        assertThat(node.get("products").get("exports").get(0).propertyNames()).startsWith("code", "name", "valueEur", "share");
        assertThat(node.get("sankey").get("exports").get("links").get(0).propertyNames())
                .containsExactly("product", "country", "valueEur", "highlight");
        assertThat(node.get("trend").get("quarters").get(0).propertyNames())
                .containsExactly("year", "quarter", "exportsEur", "importsEur");
        assertThat(node.get("exposure").propertyNames()).containsExactly("exports", "imports", "france");
        assertThat(node.get("exposure").get("france").propertyNames()).containsExactly("exports", "imports");
        assertThat(node.get("exposure").get("exports").propertyNames())
                .containsExactly("shareUnitedStates", "shareChina", "shareEu27", "partnerConcentration");
        assertThat(node.get("dependence").get("imports").get(0).propertyNames())
                .containsExactly("product", "topCountry", "topCountryName", "topCountryShare");
        assertThat(node.get("usExposure").get("exports").get(0).propertyNames()).containsExactly("product", "shareUnitedStates");
        assertThat(node.get("specialisation").get("exports").get(0).propertyNames()).containsExactly("product", "index");
    }

    @Test
    void anUnknownTerritoryOrYearIsAClearError() {
        assertThatThrownBy(() -> fiches.fiche("dep:00", 2024, ProductLevel.A129))
                .isInstanceOf(FicheNotFoundException.class).hasMessageStartingWith("unknown territory 'dep:00'");
        assertThatThrownBy(() -> fiches.fiche("dep:87", 1999, ProductLevel.A129))
                .isInstanceOf(FicheNotFoundException.class)
                .hasMessage("no data for Haute-Vienne in 1999; years loaded: [2023, 2024]");
    }

    @Test
    void theTextReportUsesTheFichesFormatting() {
        String text = FicheText.render(fiches.fiche("dep:87", 2024, ProductLevel.A129));
        long exports = new ExpectedFiche(raw, "dep:87", 2024, 5).total("E", 2024);
        assertThat(text).startsWith("Commerce extérieur — Haute-Vienne (dep:87), 2024\nRégion : Nouvelle-Aquitaine\n")
                .contains("Total des exportations : " + FrenchFormat.millions(exports) + " millions d'euros");
    }

    @Test
    void theTextReportShowsTheTrendTheExposureAndTheDependences() {
        Fiche fiche = fiches.fiche("dep:87", 2024, ProductLevel.A129);
        ExpectedFiche expected = new ExpectedFiche(raw, "dep:87", 2024, 5);
        List<String> lines = FicheText.render(fiche).lines().toList();

        for (Object[] q : expected.quarters()) {
            String label = q[0] + "-T" + q[1];
            assertThat(lines).as(label).anySatisfy(l -> assertThat(l.split(" +", 0))
                    .containsExactly("", label, millions((Long) q[2]).toPlainString(), millions((Long) q[3]).toPlainString()));
        }
        Double[] exports = expected.exposure("E", false);
        Double[] france = expected.exposure("E", true);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  États-Unis ")
                .contains(FrenchFormat.share(exports[0]) + " ", FrenchFormat.share(france[0]) + " "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  Concentration des partenaires ")
                .contains(String.format(java.util.Locale.ROOT, "%.2f", exports[3])));
        Object[] supplier = expected.suppliers().get(0);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  " + supplier[0] + " ")
                .contains(fiche.dependence().imports().get(0).topCountryName())
                .endsWith(" " + FrenchFormat.share((Double) supplier[2])));
        Object[] us = expected.unitedStatesShares().get(0);
        Object[] index = expected.specialisation().get(0);
        String indexText = String.format(java.util.Locale.ROOT, "%.2f", (Double) index[1]);
        assertThat(index[0]).isEqualTo(us[0]);
        assertThat(lines).anySatisfy(l -> {
            String[] columns = l.strip().split(" {2,}");
            assertThat(columns[0]).isEqualTo(us[0]);
            assertThat(List.of(columns).subList(columns.length - 2, columns.length))
                    .containsExactly(FrenchFormat.share((Double) us[1]), indexText);
        });
    }

    @Test
    void theTextReportShowsTheHighlightedFlowsThenTheLargestLinks() {
        Fiche fiche = fiches.fiche("dep:87", 2024, ProductLevel.A129);
        ExpectedFiche expected = new ExpectedFiche(raw, "dep:87", 2024, 5);
        String text = FicheText.render(fiche);
        String all = FicheText.render(fiche, FicheText.ALL_LINKS);
        for (String flow : List.of("E", "I")) {
            String title = flow.equals("E") ? "Flux à l'export par produit et par pays" : "Flux à l'import par pays et par produit";
            Map<String, Long> links = expected.links(flow);
            List<String> highlighted = expected.highlighted(flow);
            List<Long> rest = links.entrySet().stream().filter(e -> !highlighted.contains(e.getKey()))
                    .map(Map.Entry::getValue).sorted(java.util.Comparator.reverseOrder()).toList();

            List<String> section = section(text, title);
            assertThat(section.get(0)).isEqualTo("  Les 5 principaux flux");
            for (int i = 0; i < 5; i++) {
                String[] productCountry = highlighted.get(i).split(">");
                String line = section.get(1 + i);
                // exports read product → country, imports country → product, as on the published fiche
                assertThat(line.strip()).startsWith(flow.equals("E") ? productCountry[0] + " " : "");
                assertThat(line).contains(flow.equals("E") ? " → " : " → " + productCountry[0] + " ");
                assertThat(value(line)).isEqualTo(millions(links.get(highlighted.get(i))));
            }
            assertThat(section.get(6)).isEqualTo("  Les 10 liens suivants");
            for (int i = 0; i < 10; i++) {
                assertThat(value(section.get(7 + i))).isEqualTo(millions(rest.get(i)));
            }
            assertThat(section.get(17)).isEqualTo("  … et " + (rest.size() - 10) + " autres liens (--links all pour les afficher tous)");
            assertThat(section).hasSize(18);

            List<String> every = section(all, title);
            assertThat(every.get(6)).isEqualTo("  Les " + rest.size() + " autres liens");
            assertThat(every.stream().filter(l -> l.contains(" → "))).hasSize(links.size());
        }
        assertThat(text.lines().count()).isLessThan(all.lines().count());
    }

    /** The lines of a Sankey's section of the text report, after its title line, up to the next blank line. */
    private static List<String> section(String text, String title) {
        List<String> lines = text.lines().toList();
        int start = 0;
        while (!lines.get(start).startsWith(title)) {
            start++;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    /** The value at the end of a link's line, in M€ ("1 271.8"). */
    private static java.math.BigDecimal value(String line) {
        return new java.math.BigDecimal(line.substring(line.lastIndexOf("  ")).replace(" ", ""));
    }

    private static java.math.BigDecimal millions(long euros) {
        return java.math.BigDecimal.valueOf(euros).movePointLeft(6).setScale(1, java.math.RoundingMode.HALF_UP);
    }
}
