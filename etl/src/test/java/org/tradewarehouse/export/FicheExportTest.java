package org.tradewarehouse.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.tradewarehouse.fiche.ExpectedFiche;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.fiche.SampleFiches;
import org.tradewarehouse.fiche.SampleLoadedTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The static export: one self-contained page per territory of the year, and an index linking to each. */
class FicheExportTest extends SampleLoadedTest {


    @Autowired
    FicheExport export;

    @Test
    void everyTerritoryOfTheYearGetsOneSelfContainedPage(@TempDir Path out) throws Exception {
        FicheExport.Result result = export.export(2024, ProductLevel.A129, out, null);

        Set<String> territories = SampleFiches.territories(raw, 2024);
        List<String> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(result.pages()).isEqualTo(territories.size());
        assertThat(files).hasSize(territories.size() + 1).contains("index.html");
        String index = Files.readString(out.resolve("index.html"));
        for (String geo : territories) {
            String file = geo.replace(':', '-') + "-2024.html";
            assertThat(files).contains(file);
            assertThat(index).contains("href=\"" + file + "\"");
        }

        // opens offline: style, ECharts and the chart script inlined, nothing fetched
        String page = Files.readString(out.resolve("dep-87-2024.html"));
        String echarts = new String(new ClassPathResource("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // (booleans: a failure must not print a megabyte of script)
        assertThat(page.contains(echarts)).as("ECharts inlined in the page").isTrue();
        assertThat(index.contains(echarts)).as("ECharts inlined in the index").isTrue();
        assertThat(page.contains("<script src=") || page.contains("<link rel=\"stylesheet\"")).as("a linked asset").isFalse();
        String exports = SampleFiches.webMillions(new ExpectedFiche(raw, "dep:87", 2024, 5).total("E", 2024));
        String text = page.replace('\u00a0', ' ');
        for (String expected : List.of("<p class=\"kpi-total\">" + exports + "</p>", "<h1 id=\"territory\">Haute-Vienne</h1>",
                "href=\"index.html\"")) {
            assertThat(text.contains(expected)).as(expected).isTrue();
        }

        // the page's data is the fiche's JSON, its trend, exposure and dependences included
        int start = page.indexOf("<script id=\"fiche-data\" type=\"application/json\">");
        String data = page.substring(page.indexOf('>', start) + 1, page.indexOf("</script>", start));
        var fiche = json.readTree(data).get("fiche");
        assertThat(fiche).isEqualTo(json.readTree(json.writeValueAsString(fiches.fiche("dep:87", 2024, ProductLevel.A129))));
        assertThat(fiche.get("trend").get("quarters")).hasSize(8);
        assertThat(fiche.get("dependence").get("imports")).hasSize(10);
        assertThat(fiche.get("exposure").get("france").get("exports").get("shareEu27").asDouble()).isPositive();
    }

    @Test
    void aYearNotLoadedIsAClearError(@TempDir Path out) {
        assertThatThrownBy(() -> export.export(1999, ProductLevel.A129, out, null))
                .isInstanceOf(FicheNotFoundException.class).hasMessage("no data for 1999; years loaded: [2023, 2024]");
    }
}
