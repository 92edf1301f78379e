package org.tradewarehouse.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tradewarehouse.export.ChromiumPdf;
import org.tradewarehouse.export.FicheExport;
import org.tradewarehouse.fiche.ExpectedFiche;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.fiche.SampleFiches;
import org.tradewarehouse.fiche.SampleLoadedTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in a real headless Chromium: the fiche pages served and exported, their charts drawn with the
 * fiche's data, no error in the browser's console. Runs with -Pbrowser (needs chromium and chromedriver on the PATH);
 * screenshots go to target/screenshots.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FicheBrowserTest extends SampleLoadedTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    private static final String RED = "#d7301f";

    Path chromium;
    ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    FicheExport export;

    @BeforeAll
    void openTheBrowser() throws Exception {
        String missing = "the browser tests need Chromium and its driver on the PATH (Debian: apt-get install chromium chromium-driver)";
        chromium = ChromiumPdf.find().orElseThrow(() -> new IllegalStateException(missing));
        Path driver = ChromiumPdf.onPath(List.of("chromedriver")).orElseThrow(() -> new IllegalStateException(missing));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=760,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dep:87", "reg:09", "fr"})
    void everyChartOfTheServedPageIsDrawnWithTheFichesData(String geo) throws Exception {
        String slug = geo.replace(':', '-');
        browser.get("http://localhost:" + port + "/fiches/" + slug + "/2024");

        Fiche fiche = fiches.fiche(geo, 2024, ProductLevel.A129);
        int comparisons = geo.startsWith("dep:") ? 2 : geo.startsWith("reg:") ? 1 : 0;
        assertChartsDrawn(fiche, 4 + 2 * (1 + comparisons));

        ExpectedFiche expected = new ExpectedFiche(raw, geo, 2024, 5);
        assertThat(text("#kpi-exports .kpi-total")).isEqualTo(SampleFiches.webMillions(expected.total("E", 2024)));
        assertThat(text("#kpi-imports .kpi-total")).isEqualTo(SampleFiches.webMillions(expected.total("I", 2024)));
        assertThat(text("#territory")).isEqualTo(fiche.geo().name());
        assertThat(text("#year")).isEqualTo("2024");
        // the exposure's tables, shown on the page: one line per top product, with its supplier's name
        List<WebElement> suppliers = browser.findElements(By.cssSelector("#table-dependence tbody tr"));
        assertThat(suppliers).hasSize(fiche.dependence().imports().size()).isNotEmpty();
        for (int i = 0; i < suppliers.size(); i++) {
            assertThat(suppliers.get(i).isDisplayed()).isTrue();
            assertThat(suppliers.get(i).getText()).contains(fiche.dependence().imports().get(i).topCountryName());
        }
        assertThat(browser.findElements(By.cssSelector("#table-exports-exposure tbody tr")))
                .hasSize(fiche.usExposure().exports().size()).isNotEmpty();
        assertThat(text("#concentration")).contains("Herfindahl-Hirschman");
        assertNoConsoleError();
        screenshot("fiche-" + slug + "-2024.png");
    }

    @Test
    void everySankeyNodeLabelFitsItsChartOrEndsWithAnEllipsisAndATooltipOnScreenAndOnTheA4Page() throws Exception {
        Fiche fiche = fiches.fiche("dep:87", 2024, ProductLevel.A129);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        try {
            browser.get("http://localhost:" + port + "/fiches/dep-87/2024");
            assertChartsDrawn(fiche, 10);
            List<WebElement> shortened = assertSankeyLabels(fiche, "on a 1280 px screen");
            assertThat(shortened).as("labels too long for their side of the chart, at 1280 px").isNotEmpty();

            // a shortened label gives its whole name on hovering
            WebElement label = shortened.get(0);
            String name = fullName(fiche, label.getText());
            WebElement chart = label.findElement(By.xpath("ancestor::div[@data-kind='sankey']"));
            new Actions(browser).scrollToElement(label).moveToElement(label).perform();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> tooltip(chart).contains(name));
            screenshot("sankeys-1280.png", 1280);

            // the A4 page: print media at the page's width (210 mm less 2 × 10 mm margins, 718 px), charts redrawn as
            // before printing
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            browser.manage().window().setSize(new Dimension(718, 1000));
            browser.executeScript("window.dispatchEvent(new Event('beforeprint'));");
            assertSankeyLabels(fiche, "on the A4 page");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
            browser.manage().window().setSize(new Dimension(760, 1000));
        }
    }

    /**
     * Every node label of every Sankey of the page lies within its chart and is its node's name, in full or cut with an
     * ellipsis; returns the shortened ones.
     */
    private List<WebElement> assertSankeyLabels(Fiche fiche, String where) {
        List<WebElement> shortened = new java.util.ArrayList<>();
        for (WebElement chart : browser.findElements(By.cssSelector(".chart[data-kind='sankey']"))) {
            String id = chart.getAttribute("id") + " " + where;
            Fiche.Sankey sankey = sankey(fiche, chart);
            List<String> names = Stream.concat(sankey.products().stream(), sankey.countries().stream()).map(Fiche.Node::name).toList();
            @SuppressWarnings("unchecked")
            List<List<Object>> labels = (List<List<Object>>) browser.executeScript("""
                    var box = arguments[0].getBoundingClientRect();
                    return Array.from(arguments[0].querySelectorAll('svg text')).map(function (t) {
                      var r = t.getBoundingClientRect();
                      return [t.textContent, r.left - box.left, box.right - r.right, r.top, r.bottom, r.left, r.right];
                    });""", chart);
            assertThat(labels).as(id + ": one label per node").hasSize(names.size());
            List<WebElement> texts = chart.findElements(By.cssSelector("svg text"));
            for (int i = 0; i < labels.size(); i++) {
                String text = (String) labels.get(i).get(0);
                double left = ((Number) labels.get(i).get(1)).doubleValue();
                double right = ((Number) labels.get(i).get(2)).doubleValue();
                assertThat(left).as(id + ": '" + text + "' starts inside the chart").isGreaterThanOrEqualTo(-0.5);
                assertThat(right).as(id + ": '" + text + "' ends inside the chart").isGreaterThanOrEqualTo(-0.5);
                for (int j = 0; j < i; j++) {
                    List<Object> other = labels.get(j);
                    boolean apart = num(labels.get(i), 4) <= num(other, 3) + 0.5 || num(other, 4) <= num(labels.get(i), 3) + 0.5
                            || num(labels.get(i), 6) <= num(other, 5) + 0.5 || num(other, 6) <= num(labels.get(i), 5) + 0.5;
                    assertThat(apart).as(id + ": '" + text + "' and '" + other.get(0) + "' do not overlap").isTrue();
                }
                if (!names.contains(text)) {
                    assertThat(text).as(id).endsWith("…");
                    String start = text.substring(0, text.length() - 1).strip();
                    assertThat(names).as(id + ": a name that starts like '" + text + "'").anyMatch(n -> n.startsWith(start));
                    shortened.add(texts.get(i));
                }
            }
        }
        return shortened;
    }

    private static double num(List<Object> values, int index) {
        return ((Number) values.get(index)).doubleValue();
    }

    private Fiche.Sankey sankey(Fiche fiche, WebElement chart) {
        Fiche source = switch (chart.getAttribute("data-source")) {
            case "region" -> fiches.fiche(fiche.geo().region().code(), 2024, ProductLevel.A129);
            case "france" -> fiches.fiche("fr", 2024, ProductLevel.A129);
            default -> fiche;
        };
        return chart.getAttribute("data-flow").equals("exports") ? source.sankey().exports() : source.sankey().imports();
    }

    /** The name a shortened label stands for, among every node of the fiche's Sankeys and its comparisons'. */
    private String fullName(Fiche fiche, String label) {
        String start = label.substring(0, label.length() - 1).strip();
        return Stream.of(fiche, fiches.fiche(fiche.geo().region().code(), 2024, ProductLevel.A129),
                        fiches.fiche("fr", 2024, ProductLevel.A129))
                .flatMap(f -> Stream.of(f.sankey().exports(), f.sankey().imports()))
                .flatMap(s -> Stream.concat(s.products().stream(), s.countries().stream()))
                .map(Fiche.Node::name).filter(n -> n.startsWith(start)).findFirst().orElseThrow();
    }

    /** The text of the chart's tooltip (ECharts draws it as a div in the chart's element). */
    private String tooltip(WebElement chart) {
        return (String) browser.executeScript("return Array.from(arguments[0].querySelectorAll('div'))"
                + ".map(function (d) { return d.textContent; }).join(' | ');", chart);
    }

    @Test
    void theExportedFileDrawsItsChartsOfflineFromDisk(@TempDir Path out) throws Exception {
        export.export(2024, ProductLevel.A129, out, null);
        browser.get(out.resolve("dep-87-2024.html").toUri().toString());

        assertChartsDrawn(fiches.fiche("dep:87", 2024, ProductLevel.A129), 10);
        assertNoConsoleError();
        screenshot("export-dep-87-2024.png");
    }

    @Test
    void theCsvDownloadHoldsTheChartsNumbers() throws Exception {
        Path csv = DOWNLOADS.resolve("partenaires-dep-87-2024.csv");
        Files.createDirectories(DOWNLOADS);
        Files.deleteIfExists(csv);
        browser.get("http://localhost:" + port + "/fiches/dep-87/2024");
        browser.findElement(By.cssSelector("button.csv[data-table='table-partners']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Files.isRegularFile(csv));

        List<String> lines = Files.readAllLines(csv).stream().map(l -> l.replace("\ufeff", "")).toList();
        List<Object[]> partners = new ExpectedFiche(raw, "dep:87", 2024, 5).partners();
        assertThat(lines.get(0)).isEqualTo("Pays;Importations;Exportations;Balance");
        assertThat(lines).hasSize(1 + partners.size());
        Fiche fiche = fiches.fiche("dep:87", 2024, ProductLevel.A129);
        for (int i = 0; i < partners.size(); i++) {
            long imports = (long) partners.get(i)[1];
            long exports = (long) partners.get(i)[2];
            assertThat(lines.get(i + 1)).isEqualTo(String.join(";", fiche.partners().get(i).name(), String.valueOf(imports),
                    String.valueOf(exports), String.valueOf(exports - imports)));
        }
    }

    @Test
    void theSearchBoxFiltersTheIndex() throws Exception {
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("search")).sendKeys("haute vienne", Keys.TAB);

        List<String> shown = browser.findElements(By.cssSelector("#territories tbody tr")).stream()
                .filter(WebElement::isDisplayed).map(r -> r.findElement(By.tagName("th")).getText()).toList();
        assertThat(shown).containsExactly("Haute-Vienne");
        assertNoConsoleError();
        screenshot("index-search.png");
    }

    @Test
    void thePdfExportPrintsEveryFiche(@TempDir Path out) throws Exception {
        FicheExport.Result result = export.export(2024, ProductLevel.A129, out, new ChromiumPdf(chromium));

        List<Path> pdfs;
        try (Stream<Path> files = Files.list(out)) {
            pdfs = files.filter(p -> p.toString().endsWith(".pdf")).toList();
        }
        assertThat(pdfs).hasSize(SampleFiches.territories(raw, 2024).size()).hasSize(result.pdfs());
        for (Path pdf : pdfs) {
            byte[] bytes = Files.readAllBytes(pdf);
            assertThat(new String(bytes, 0, 5)).as(pdf.getFileName().toString()).isEqualTo("%PDF-");
        }
        Files.copy(out.resolve("dep-87-2024.pdf"), SCREENSHOTS.resolve("export-dep-87-2024.pdf"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Each chart drawn (SVG shapes present) with as many items as the fiche gives it; the Sankeys' 5 largest links red. */
    private void assertChartsDrawn(Fiche fiche, int charts) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(".chart[data-rendered]")).isEmpty());
        List<WebElement> elements = browser.findElements(By.cssSelector(".chart[data-kind]"));
        assertThat(elements).hasSize(charts);
        for (WebElement chart : elements) {
            String id = chart.getAttribute("id");
            Fiche source = switch (chart.getAttribute("data-source")) {
                case "region" -> fiches.fiche(fiche.geo().region().code(), 2024, ProductLevel.A129);
                case "france" -> fiches.fiche("fr", 2024, ProductLevel.A129);
                default -> fiche;
            };
            long items = ((Number) browser.executeScript("""
                    var s = echarts.getInstanceByDom(arguments[0]).getOption().series[0];
                    if (s.type === 'treemap') return s.data.reduce(function (n, g) { return n + g.children.length; }, 0);
                    return (s.links || s.data).length;""", chart)).longValue();
            switch (chart.getAttribute("data-kind")) {
                case "partners" -> assertThat(items).as(id).isEqualTo(source.partners().size());
                case "treemap" -> assertThat(items).as(id)
                        .isEqualTo(source.products().exports().size() + source.products().imports().size());
                case "trend" -> {
                    assertThat(items).as(id).isEqualTo(source.trend().quarters().size());
                    assertThat(seriesData(chart, 0)).as(id + " exports")
                            .isEqualTo(source.trend().quarters().stream().map(q -> (Object) q.exportsEur()).toList());
                    assertThat(seriesData(chart, 1)).as(id + " imports")
                            .isEqualTo(source.trend().quarters().stream().map(q -> (Object) q.importsEur()).toList());
                }
                case "exposure" -> {
                    assertThat(items).as(id).isEqualTo(3);
                    Fiche.PartnerShares e = source.exposure().exports();
                    assertThat(seriesData(chart, 0)).as(id + " exports")
                            .isEqualTo(List.of(e.shareUnitedStates(), e.shareChina(), e.shareEu27()));
                }
                default -> {
                    Fiche.Sankey sankey = chart.getAttribute("data-flow").equals("exports")
                            ? source.sankey().exports() : source.sankey().imports();
                    assertThat(items).as(id).isEqualTo(sankey.links().size());
                    long red = ((Number) browser.executeScript("""
                            var red = arguments[1];
                            return echarts.getInstanceByDom(arguments[0]).getOption().series[0].links
                                .filter(function (l) { return l.lineStyle.color === red; }).length;""", chart, RED))
                            .longValue();
                    assertThat(red).as(id + " red links").isEqualTo(sankey.links().stream().filter(Fiche.Link::highlight).count());
                }
            }
            assertThat(items).as(id).isPositive();
            assertThat(chart.findElements(By.cssSelector("svg path")).size()).as(id + " shapes").isGreaterThan((int) items);
        }
    }

    /** A chart's series' values as drawn, numbers as the fiche's (euros as Long, shares as Double). */
    private List<Object> seriesData(WebElement chart, int series) {
        @SuppressWarnings("unchecked")
        List<Object> data = (List<Object>) browser.executeScript(
                "return echarts.getInstanceByDom(arguments[0]).getOption().series[arguments[1]].data"
                        + ".map(function (v) { return v === '-' ? null : v; });", chart, series);
        return data.stream().map(v -> v instanceof Number n && !(v instanceof Double) ? (Object) n.longValue() : v).toList();
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().replace('\u00a0', ' ');
    }

    private void assertNoConsoleError() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    /** The whole page: the window stretched to its height first. */
    private void screenshot(String name) throws Exception {
        screenshot(name, 760);
    }

    private void screenshot(String name, int width) throws Exception {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height, 16000)));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(width, 1000));
    }
}
