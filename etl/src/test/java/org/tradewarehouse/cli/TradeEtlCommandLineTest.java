package org.tradewarehouse.cli;

import org.tradewarehouse.SeedFiche;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.tradewarehouse.RawRows;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as an operator uses it: help, exit codes, messages, and the demo on its own embedded database. */
class TradeEtlCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new TradeEtl()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("load", "demo", "db", "serve", "export-fiches", "SPRING_DATASOURCE_URL");
    }

    @Test
    void anUnreadableInputIsAOneLineErrorWithExitCode2() {
        assertThat(run("load", "no-such-publication.zip")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: no-such-publication.zip: no such readable file" + System.lineSeparator());
    }

    @Test
    void anUnknownProductLevelIsRefusedBeforeAnythingStarts() {
        assertThat(run("fiche", "--geo", "dep:87", "--year", "2024", "--level", "nc8")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown product level 'nc8': use a129, a38 or cpf4");
    }

    @Test
    void aLinksCountThatIsNeitherANumberNorAllIsRefusedBeforeAnythingStarts() {
        assertThat(run("fiche", "--geo", "dep:87", "--year", "2024", "--format", "text", "--links", "most")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --links takes a number of links (0 or more) or all, not 'most'"
                + System.lineSeparator());
    }

    @Test
    void aPdfExportWithoutChromiumIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("fiches");
        assertThat(run("export-fiches", "--year", "2024", "--out", out.toString(), "--pdf", "--chromium", "no-such-chromium"))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --chromium no-such-chromium is not an executable file" + System.lineSeparator());
        assertThat(out).doesNotExist();
    }

    @Test
    void onlyServeStartsAWebServerAndTheMonitoring() {
        System.setProperty("trade.embedded.data-dir", Path.of("target", "test-warehouse", UUID.randomUUID().toString()).toString());
        try {
            try (var context = Warehouse.start("status")) {
                assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
                // beans are made on first use, but the schema is migrated at start, before any command asks for it
                assertThat(context.getBeanFactory().containsSingleton("liquibase")).isTrue();
                assertThat(context.getBeanFactory().containsSingleton("loadService")).isFalse();
                assertThat(context.getBeanNamesForType(PrometheusMeterRegistry.class)).isEmpty();
                assertThat(context.getBeanNamesForType(HealthEndpoint.class)).isEmpty();
                assertThat(context.getBean(MeterRegistry.class)).isNotNull(); // what the fetch counts into
            }
            try (var context = Warehouse.startWeb(0)) {
                assertThat(context).isInstanceOf(WebServerApplicationContext.class);
                assertThat(((WebServerApplicationContext) context).getWebServer().getPort()).isPositive();
                assertThat(context.getBeanFactory().containsSingleton("loadService")).isTrue();
                assertThat(context.getBeanNamesForType(PrometheusMeterRegistry.class)).hasSize(1);
                assertThat(context.getBeanNamesForType(HealthEndpoint.class)).hasSize(1);
            }
        } finally {
            System.clearProperty("trade.embedded.data-dir");
        }
    }

    @Test
    void loadWithoutInputIsAUsageError() {
        assertThat(run("load")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH_OR_URL'");
    }

    @Test
    void demoWritesASamplePublicationAndLoadsIt(@TempDir Path dir) throws Exception {
        System.setProperty("trade.embedded.data-dir", Path.of("target", "test-warehouse", UUID.randomUUID().toString()).toString());
        StringWriter fiche = new StringWriter();
        StringWriter text = new StringWriter();
        StringWriter missing = new StringWriter();
        try {
            assertThat(run("demo", "--out", dir.toString())).isZero();
            assertThat(new CommandLine(new TradeEtl()).setOut(new PrintWriter(fiche))
                    .execute("fiche", "--geo", "dep:87", "--year", "2024", "--format", "json")).isZero();
            assertThat(new CommandLine(new TradeEtl()).setOut(new PrintWriter(text))
                    .execute("fiche", "--geo", "dep:87", "--year", "2024", "--format", "text")).isZero();
            assertThat(new CommandLine(new TradeEtl()).setErr(new PrintWriter(missing))
                    .execute("fiche", "--geo", "dep:87", "--year", "2031")).isEqualTo(2);
        } finally {
            System.clearProperty("trade.embedded.data-dir");
        }
        List<Path> zips;
        try (Stream<Path> files = Files.list(dir)) {
            zips = files.sorted().toList();
        }
        assertThat(zips).hasSize(4);
        var raw = RawRows.of(zips);
        assertThat(out.toString()).contains("Load 1 published");
        long exports2024 = raw.euros(f -> f[2] + f[0] + f[3]).get("2024E87");
        assertThat(fiche.toString()).contains("\"code\" : \"dep:87\"", "\"totalEur\" : " + exports2024);
        assertThat(missing.toString()).contains("error: no data for Haute-Vienne in 2031; years loaded: [2023, 2024]");
        // the sample is calibrated on the published Haute-Vienne fiche of 2024: its totals, to the euro, in the files
        Map<String, Long> totals = raw.euros(f -> f[0] + (f[2].equals("2024") ? "" : f[2]));
        Map<String, Long> hv = raw.euros(f -> f[0] + f[2] + "-" + f[3]);
        Map<String, Long> region = raw.euros(f -> f[0] + f[2] + "-" + f[4]);
        assertThat(List.of(hv.get("E2024-87"), region.get("E2024-09"), totals.get("E")))
                .containsExactly(1_109_100_000L, 26_635_600_000L, 580_354_500_000L);
        assertThat(List.of(hv.get("I2024-87"), region.get("I2024-09"), totals.get("I")))
                .containsExactly(755_900_000L, 27_634_200_000L, 684_776_300_000L);
        // and the fiche shows the published figures
        assertThat(text.toString()).contains(SeedFiche.HAUTE_VIENNE_2024_TOTALS);
        // the demo prints them too, then where to go next
        assertThat(out.toString()).contains(
                "Haute-Vienne (dep:87), 2024, as on its published fiche:",
                "  exports   1 109.1 M€, 4.2 % of Nouvelle-Aquitaine, 0.19 % of France",
                "  imports     755.9 M€, 2.7 % of Nouvelle-Aquitaine, 0.11 % of France");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.subList(lines.size() - 4, lines.size())).containsExactly(
                "Next:",
                "  ./bin/trade-etl fiche --geo dep:87 --year 2024 --format text   # its fiche, as a report",
                "  ./bin/trade-etl serve                                          # the fiches as web pages, then open",
                "      http://localhost:8080/fiches/dep-87/2024");
    }
}
