package org.tradewarehouse.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewarehouse.EmbeddedCommand;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.fiche.SampleFiches;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several commands on one embedded warehouse, each in its own JVM as in several terminals: the one that started
 * PostgreSQL serves the others, and the pages show what they load.
 */
class SideBySideFunctionalTest {

    private static final Pattern SERVED = Pattern.compile("Fiches served on http://localhost:(\\d+)/.*");
    private static final Map<String, String> PAGES_ONLY = Map.of("TRADE_SCHEDULE_ENABLED", "false");

    @TempDir
    Path dir;
    private final Path dataDir = Path.of("target", "test-warehouse", UUID.randomUUID().toString()).toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void loadAndFicheRunBesideServeAndThePageShowsTheNewLoad() throws Exception {
        Path logs = dir.resolve("logs");
        EmbeddedCommand serve = EmbeddedCommand.start(dataDir, logs, "serve", PAGES_ONLY, "serve", "--port", "0");
        try {
            int port = Integer.parseInt(serve.awaitStdout(SERVED, Duration.ofSeconds(120)).group(1));
            // nothing loaded yet
            assertThat(get(port, "/fiches/dep-87/2024").statusCode()).isEqualTo(404);
            HttpResponse<String> empty = get(port, "/");
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body()).contains("id=\"no-data\"").doesNotContain("href=\"/fiches/");

            List<Path> zips = SamplePublication.write(dir.resolve("sample"), SamplePublication.Options.defaults()).zips();
            List<String> load = new ArrayList<>(List.of("load"));
            zips.forEach(z -> load.add(z.toString()));
            EmbeddedCommand loaded = EmbeddedCommand.run(dataDir, logs, "load", load.toArray(String[]::new));
            assertThat(loaded.exitCode()).as(loaded.stderr()).isZero();
            assertThat(loaded.stdout()).contains("Load 1 published");
            assertThat(loaded.stderr()).contains("started by trade-etl serve (pid " + serve.pid() + ",");

            Map<String, Long> totals = RawRows.of(zips).euros(f -> f[2] + f[0] + f[3]);
            EmbeddedCommand fiche = EmbeddedCommand.run(dataDir, logs, "fiche",
                    "fiche", "--geo", "dep:87", "--year", "2024", "--format", "json");
            assertThat(fiche.exitCode()).as(fiche.stderr()).isZero();
            JsonNode json = JsonMapper.builder().build().readTree(fiche.stdout());
            assertThat(json.get("exports").get("totalEur").asLong()).isEqualTo(totals.get("2024E87"));
            assertThat(json.get("imports").get("totalEur").asLong()).isEqualTo(totals.get("2024I87"));

            // the page reloaded: the new load, read from the same PostgreSQL
            HttpResponse<String> page = get(port, "/fiches/dep-87/2024");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body().replace('\u00a0', ' ')).contains(SampleFiches.webMillions(totals.get("2024E87")),
                    SampleFiches.webMillions(totals.get("2024I87")));
            assertThat(get(port, "/").body()).contains("href=\"/fiches/dep-87/2024\"").doesNotContain("id=\"no-data\"");
            assertThat(serve.isAlive()).isTrue();
        } finally {
            serve.stop();
        }
        assertThat(serve.stderr()).doesNotContain("ERROR");
        assertThat(dataDir.resolve(EmbeddedServer.RECORD)).doesNotExist(); // the record left with its server
    }

    @Test
    void serveKeepsServingWhenTheCommandThatStartedPostgresqlEnds() throws Exception {
        Path logs = dir.resolve("logs");
        EmbeddedCommand db = EmbeddedCommand.start(dataDir, logs, "db", Map.of(), "db");
        EmbeddedCommand serve = null;
        try {
            String url = db.awaitStdout(Pattern.compile("Warehouse database ready: (\\S+)"), Duration.ofSeconds(120)).group(1);
            serve = EmbeddedCommand.start(dataDir, logs, "serve", PAGES_ONLY, "serve", "--port", "0");
            int port = Integer.parseInt(serve.awaitStdout(SERVED, Duration.ofSeconds(120)).group(1));
            assertThat(serve.stderr()).contains("started by trade-etl db (pid " + db.pid() + ",");
            assertThat(get(port, "/").statusCode()).isEqualTo(200);

            db.stop(); // as Ctrl-C: its PostgreSQL stops with it
            // serve starts PostgreSQL again, on the same port: its pages answer again within seconds
            String startedAgain = "embedded PostgreSQL warehouse started again in " + dataDir;
            for (int i = 0; i < 60 && !serve.stderr().contains(startedAgain); i++) {
                Thread.sleep(500);
            }
            assertThat(serve.stderr()).contains(startedAgain);
            assertThat(get(port, "/").statusCode()).as(serve.stderr()).isEqualTo(200);
            assertThat(url).contains(":" + EmbeddedServer.Holder.read(dataDir).orElseThrow().port() + "/");
            assertThat(EmbeddedServer.Holder.read(dataDir).orElseThrow().pid()).isEqualTo(serve.pid());
        } finally {
            if (db.isAlive()) {
                db.stop();
            }
            if (serve != null) {
                serve.stop();
            }
        }
    }

    @Test
    void aWarehouseHeldByAnotherProgramIsAnErrorThatNamesIt() throws Exception {
        Files.createDirectories(dataDir);
        try (FileChannel lock = FileChannel.open(dataDir.resolve(EmbeddedServer.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = lock.lock()) {
            EmbeddedCommand status = EmbeddedCommand.start(dataDir, dir.resolve("logs"), "status",
                    Map.of("TRADE_EMBEDDED_ATTACH_WAIT", "2s"), "status");
            assertThat(status.waitFor()).isEqualTo(1);
            assertThat(status.stdout()).isEmpty();
            assertThat(status.stderr()).contains("error: could not open the warehouse: the embedded PostgreSQL of "
                    + dataDir + " is locked by process " + ProcessHandle.current().pid() + " (", "TRADE_DATA_DIR");
        }
    }

    @Test
    void theProcessThatStartedItWaitsForTheOneShotCommandsUsingItBeforeStoppingIt() throws Exception {
        EmbeddedServer server = EmbeddedServer.open(new EmbeddedServer.Settings(dataDir, 0, "64MB", "load",
                Duration.ofSeconds(5), Duration.ofSeconds(60)));
        Properties fiche = new Properties();
        fiche.setProperty("user", "postgres");
        fiche.setProperty("ApplicationName", "trade-etl fiche (pid 4242)");
        Properties serve = new Properties();
        serve.setProperty("user", "postgres");
        serve.setProperty("ApplicationName", "trade-etl serve (pid 4243)");
        Connection served = DriverManager.getConnection(server.jdbcUrl(), serve);
        Connection reading = DriverManager.getConnection(server.jdbcUrl(), fiche);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2000);
        assertThat(stopped).as("waits for the fiche, not for serve").isNotDone();
        assertThat(reading.isValid(2)).isTrue();
        reading.close();
        stopped.get(30, TimeUnit.SECONDS);
        assertThat(served.isValid(2)).as("then stops the server").isFalse();
        assertThat(dataDir.resolve(EmbeddedServer.RECORD)).doesNotExist();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
