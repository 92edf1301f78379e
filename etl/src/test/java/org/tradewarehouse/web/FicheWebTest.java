package org.tradewarehouse.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tradewarehouse.fiche.ExpectedFiche;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.fiche.SampleFiches;
import org.tradewarehouse.fiche.SampleLoadedTest;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The served pages and JSON, for a département, a région and France, against the fiche and the raw lines. */
@AutoConfigureMockMvc
class FicheWebTest extends SampleLoadedTest {


    @Autowired
    MockMvc mvc;

    @Test
    void theIndexListsEveryTerritoryWithItsYears() throws Exception {
        String html = body("/", 200);

        Set<String> territories = SampleFiches.territories(raw, 2024);
        assertThat(count(html, "<tr data-search=")).isEqualTo(territories.size());
        for (String geo : territories) {
            String slug = geo.replace(':', '-');
            assertThat(html).contains("href=\"/fiches/" + slug + "/2023\"", "href=\"/fiches/" + slug + "/2024\"");
        }
        assertThat(html).contains("<input id=\"search\" type=\"search\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dep:87", "reg:09", "fr"})
    void thePageShowsTheFichesNumbers(String geo) throws Exception {
        String html = body("/fiches/" + geo.replace(':', '-') + "/2024", 200);
        Fiche fiche = fiches.fiche(geo, 2024, ProductLevel.A129);
        ExpectedFiche expected = new ExpectedFiche(raw, geo, 2024, 5);

        // the charts' data block is the fiche, and the région's and France's for the comparisons
        JsonNode data = json.readTree(between(html, "<script id=\"fiche-data\" type=\"application/json\">", "</script>"));
        assertThat(data.get("fiche")).isEqualTo(json.readTree(json.writeValueAsString(fiche)));
        assertThat(data.get("region").isNull()).isEqualTo(!geo.startsWith("dep:"));
        assertThat(data.get("france").isNull()).isEqualTo(geo.equals("fr"));

        // KPIs, formatted from totals summed from the raw lines
        String text = html.replace('\u00a0', ' ');
        assertThat(between(text, "id=\"kpi-exports\"", "</div>")).contains(SampleFiches.webMillions(expected.total("E", 2024)));
        assertThat(between(text, "id=\"kpi-imports\"", "</div>")).contains(SampleFiches.webMillions(expected.total("I", 2024)));
        assertThat(between(text, "id=\"kpi-exports\"", "</div>"))
                .contains("par rapport à 2023 (" + SampleFiches.webMillions(expected.total("E", 2023)) + ")");
        if (geo.equals("dep:87")) {
            assertThat(text).contains("de la valeur exportée par la région Nouvelle-Aquitaine");
        }

        // the partners' table: imports, exports and balance of the top 10 countries, in order
        List<Object[]> partners = expected.partners();
        List<Long> values = dataValues(between(html, "id=\"table-partners\"", "</table>"));
        assertThat(values).hasSize(3 * partners.size());
        for (int i = 0; i < partners.size(); i++) {
            long imports = (long) partners.get(i)[1];
            long exports = (long) partners.get(i)[2];
            assertThat(values.subList(3 * i, 3 * i + 3)).containsExactly(imports, exports, exports - imports);
        }

        // the products' table: each flow's top products then AUTRES, as the fiche gives them
        List<Long> products = Stream.concat(fiche.products().exports().stream(), fiche.products().imports().stream())
                .map(Fiche.Product::valueEur).toList();
        assertThat(dataValues(between(html, "id=\"table-products\"", "</table>"))).isEqualTo(products);

        // one Sankey per flow for the territory, its région (départements) and France (all but France)
        for (String flow : List.of("exports", "imports")) {
            assertThat(html).contains("id=\"chart-" + flow + "\"");
            assertThat(html.contains("id=\"chart-" + flow + "-region\"")).isEqualTo(geo.startsWith("dep:"));
            assertThat(html.contains("id=\"chart-" + flow + "-france\"")).isEqualTo(!geo.equals("fr"));
        }
        assertThat(html).contains("id=\"chart-partners\"", "id=\"chart-products\"", "/webjars/echarts/", "/fiche/fiche.js");

        // the trend: each quarter's exports and imports, summed from the raw lines
        assertThat(dataValues(between(html, "id=\"table-trend\"", "</table>"))).isEqualTo(expected.quarters().stream()
                .flatMap(q -> Stream.of((Long) q[2], (Long) q[3])).toList());
        assertThat(html).contains("id=\"chart-trend\"", "id=\"chart-exposure\"");

        // the exposure beside France's, the main suppliers, the United States' parts and the specialisation
        List<Double> exposure = new ArrayList<>();
        for (int figure = 0; figure < 4; figure++) {
            for (Double[] shares : List.of(expected.exposure("E", false), expected.exposure("E", true),
                    expected.exposure("I", false), expected.exposure("I", true))) {
                exposure.add(shares[figure]);
            }
        }
        assertRatios(between(html, "id=\"table-exposure\"", "</table>"), exposure);
        String dependence = between(html, "id=\"table-dependence\"", "</table>");
        assertRatios(dependence, expected.suppliers().stream().map(s -> (Double) s[2]).toList());
        for (Fiche.Supplier s : fiche.dependence().imports()) {
            assertThat(dependence).contains("<td>" + s.topCountryName().replace("'", "&#39;") + "</td>");
        }
        List<Double> exports = new ArrayList<>();
        for (int i = 0; i < expected.unitedStatesShares().size(); i++) {
            exports.add((Double) expected.unitedStatesShares().get(i)[1]);
            exports.add((Double) expected.specialisation().get(i)[1]);
        }
        assertRatios(between(html, "id=\"table-exports-exposure\"", "</table>"), exports);
        assertThat(text).contains(geo.equals("fr") ? "pour la France, il vaut 1" : "comparée à celle de la France");
    }

    /** The data-value of each cell, as fractions, within 1e-9 of the raw lines' figures, in order. */
    private static void assertRatios(String html, List<Double> expected) {
        Matcher m = Pattern.compile("data-value=\"([-0-9.E]+)\"").matcher(html);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        assertThat(values).hasSize(expected.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i)).as("value " + i).isCloseTo(expected.get(i), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dep:87", "reg:09", "fr"})
    void theApiGivesTheSameJsonAsTheFicheCommand(String geo) throws Exception {
        String slug = geo.replace(':', '-');
        assertThat(json.readTree(body("/api/fiches/" + slug + "/2024", 200)))
                .isEqualTo(json.readTree(json.writeValueAsString(fiches.fiche(geo, 2024, ProductLevel.A129))));
        assertThat(json.readTree(body("/api/fiches/" + slug + "/2024?level=cpf4", 200)))
                .isEqualTo(json.readTree(json.writeValueAsString(fiches.fiche(geo, 2024, ProductLevel.CPF4))));
    }

    @Test
    void anUnknownTerritoryOrYearIsA404PageThatLinksBack() throws Exception {
        String territory = body("/fiches/dep-00/2024", 404);
        assertThat(territory).contains("Fiche introuvable", "Ce territoire n&#39;existe pas", "href=\"/\"");

        String year = body("/fiches/dep-87/1999", 404);
        assertThat(year).contains("Cette année n&#39;est pas chargée", "Années disponibles : 2023, 2024", "href=\"/\"");

        assertThat(json.readTree(body("/api/fiches/dep-87/1999", 404)).path("title").asString()).isEqualTo("Fiche introuvable");
        assertThat(body("/fiches/dep-87/deux-mille", 404)).contains("href=\"/\"");
        assertThat(body("/fiches/dep-87/2024?level=a99", 400)).contains("level=a129, a38 ou cpf4");
        assertThat(body("/nulle-part", 404)).contains("Page introuvable", "href=\"/\"");
        for (String page : List.of(territory, year)) {
            assertThat(page).doesNotContain("Exception", "at org.");
        }
    }

    private String body(String path, int status) throws Exception {
        MvcResult result = mvc.perform(get(path)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(status);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in the page", start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static List<Long> dataValues(String html) {
        Matcher m = Pattern.compile("data-value=\"(-?\\d+)\"").matcher(html);
        List<Long> values = new ArrayList<>();
        while (m.find()) {
            values.add(Long.parseLong(m.group(1)));
        }
        return values;
    }
}
