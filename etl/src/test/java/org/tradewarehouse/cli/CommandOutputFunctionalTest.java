package org.tradewarehouse.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tradewarehouse.EmbeddedCommand;
import org.tradewarehouse.RawRows;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each command whose result a script may read, run as an operator runs it (its own JVM, the embedded warehouse of a
 * data folder): its stdout is only its result, parsed here, and its log records are on stderr.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandOutputFunctionalTest {

    /** A log record as the console pattern writes it ("22:10:04 INFO  ..."). */
    private static final Pattern LOG_RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR) .*");

    @TempDir
    static Path dir;
    private final Path dataDir = Path.of("target", "test-warehouse", UUID.randomUUID().toString()).toAbsolutePath();
    private EmbeddedCommand demo;
    private RawRows raw;

    @BeforeAll
    void runTheDemo() throws Exception {
        demo = EmbeddedCommand.run(dataDir, dir.resolve("logs"), "demo", "demo", "--out", dir.resolve("sample").toString());
        assertThat(demo.exitCode()).as(demo.stderr()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("sample"))) {
            raw = RawRows.of(files.sorted().toList());
        }
    }

    @Test
    void demoPrintsItsReportAndLogsOnStderr() {
        assertNoLogRecord(demo.stdout());
        assertThat(demo.stderr().lines().filter(l -> LOG_RECORD.matcher(l).matches()))
                .anySatisfy(l -> assertThat(l).contains("Embedded PostgreSQL warehouse in " + dataDir));
        // the load report's rows read per flow are the raw files' lines
        Map<String, Long> read = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^([EI]) +([0-9,]+) +([0-9,]+) +0 ").matcher(demo.stdout());
        while (m.find()) {
            read.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
        }
        Map<String, Long> lines = new TreeMap<>();
        raw.rows().forEach(f -> lines.merge(f[0], 1L, Long::sum));
        assertThat(read).isEqualTo(lines);
        // it ends where to go next
        assertThat(demo.stdout().lines().toList()).endsWith("Next:",
                "  ./bin/trade-etl fiche --geo dep:87 --year 2024 --format text   # its fiche, as a report",
                "  ./bin/trade-etl serve                                          # the fiches as web pages, then open",
                "      http://localhost:8080/fiches/dep-87/2024");
    }

    @Test
    void ficheJsonIsTheWholeStdout() throws Exception {
        EmbeddedCommand fiche = EmbeddedCommand.run(dataDir, dir.resolve("logs"), "fiche",
                "fiche", "--geo", "dep:87", "--year", "2024", "--format", "json");
        assertThat(fiche.exitCode()).as(fiche.stderr()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(fiche.stdout()); // fails on anything before or after
        assertThat(json.get("geo").get("code").asString()).isEqualTo("dep:87");
        Map<String, Long> hv = raw.euros(f -> f[2] + f[0] + f[3]);
        assertThat(json.get("exports").get("totalEur").asLong()).isEqualTo(hv.get("2024E87"));
        assertThat(json.get("imports").get("totalEur").asLong()).isEqualTo(hv.get("2024I87"));
        assertThat(fiche.stderr()).contains("INFO  Embedded PostgreSQL warehouse in");
    }

    @Test
    void statusIsOnlyItsTable() throws Exception {
        EmbeddedCommand status = EmbeddedCommand.run(dataDir, dir.resolve("logs"), "status", "status");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        List<String> lines = status.stdout().lines().toList();
        assertThat(lines.get(0)).matches("quarter +flow +rows +value \\(M€\\) +load +published \\(UTC\\) +inputs");
        assertThat(lines.get(lines.size() - 1)).matches("Last successful load: 1 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        Pattern row = Pattern.compile("(\\d{4})-T(\\d) +([EI]) +([0-9,]+) +[0-9 ,.]+ +1  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*");
        Map<String, Long> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            Matcher m = row.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            rows.put(m.group(1) + "-" + m.group(2) + m.group(3), Long.parseLong(m.group(4).replace(",", "")));
        }
        Map<String, Long> expected = new TreeMap<>();
        raw.rows().forEach(f -> expected.merge(f[2] + "-" + f[1] + f[0], 1L, Long::sum));
        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void historyIsOnlyItsTable() throws Exception {
        EmbeddedCommand history = EmbeddedCommand.run(dataDir, dir.resolve("logs"), "history", "history");
        assertThat(history.exitCode()).as(history.stderr()).isZero();
        List<String> lines = history.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split(" +")).startsWith("load", "run", "started", "duration", "status", "decision");
        assertThat(lines.get(1)).matches("1 +1 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +[0-9.]+ s +COMPLETED +by hand .*");
        assertThat(lines.get(1)).contains(String.format(java.util.Locale.ROOT, " %,d ", raw.count()));
    }

    @Test
    void fetchPrintsOnlyItsDecisions() throws Exception {
        EmbeddedCommand fetch = EmbeddedCommand.run(dataDir, dir.resolve("logs"), "fetch", "fetch");
        assertThat(fetch.exitCode()).as(fetch.stderr()).isZero();
        assertThat(fetch.stdout()).isEqualTo("Nothing to check: no publication address configured"
                + " (TRADE_SCHEDULE_SOURCES) and the inbox is empty." + System.lineSeparator());
    }

    @Test
    void dbPrintsOnlyTheAddressOfTheWarehouse() throws Exception {
        EmbeddedCommand db = EmbeddedCommand.start(dataDir, dir.resolve("logs"), "db", Map.of(), "db");
        try {
            String url = db.awaitStdout(Pattern.compile("Warehouse database ready: (jdbc:postgresql:\\S+)"),
                    Duration.ofSeconds(90)).group(1);
            try (var c = DriverManager.getConnection(url); ResultSet rs = c.createStatement()
                    .executeQuery("select count(*) from dw.fact_trade")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(raw.count());
            }
        } finally {
            db.stop();
        }
        assertThat(db.stdout().lines()).hasSize(1);
    }

    private static void assertNoLogRecord(String stdout) {
        assertThat(stdout.lines().filter(l -> LOG_RECORD.matcher(l).matches() || l.startsWith("SLF4J"))).isEmpty();
    }
}
