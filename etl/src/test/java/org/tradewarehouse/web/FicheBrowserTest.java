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
        assertChartsDrawn(fiche, 2 + 2 * (1 + comparisons));

        ExpectedFiche expected = new ExpectedFiche(raw, geo, 2024, 5);
        assertThat(text("#kpi-exports .kpi-total")).isEqualTo(SampleFiches.webMillions(expected.total("E", 2024)));
        assertThat(text("#kpi-imports .kpi-total")).isEqualTo(SampleFiches.webMillions(expected.total("I", 2024)));
        assertThat(text("#territory")).isEqualTo(fiche.geo().name());
        assertThat(text("#year")).isEqualTo("2024");
        assertNoConsoleError();
        screenshot("fiche-" + slug + "-2024.png");
    }

    @Test
    void theExportedFileDrawsItsChartsOfflineFromDisk(@TempDir Path out) throws Exception {
        export.export(2024, ProductLevel.A129, out, null);
        browser.get(out.resolve("dep-87-2024.html").toUri().toString());

        assertChartsDrawn(fiches.fiche("dep:87", 2024, ProductLevel.A129), 8);
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
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(760, (int) Math.min(height, 16000)));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(760, 1000));
    }
}
