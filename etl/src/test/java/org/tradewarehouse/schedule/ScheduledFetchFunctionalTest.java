package org.tradewarehouse.schedule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadSources;
import org.tradewarehouse.schedule.SourceCheck.Decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One pass of the scheduled fetch against a local server playing the customs' site: what is new is downloaded,
 * archived and loaded; what is unchanged is not; a failed download changes nothing, says why, and the next pass
 * succeeds; inbox files end in done/ or failed/.
 */
@SpringBootTest
@ActiveProfiles("test")
class ScheduledFetchFunctionalTest {

    static final Path FILES = Path.of("target", "test-files", UUID.randomUUID().toString());
    static final FakeCustomsSite SITE = start(FakeCustomsSite::new);
    static final WebhookReceiver HOOK = start(WebhookReceiver::new);
    static final String LAST_MODIFIED = "Tue, 14 Jan 2025 08:00:00 GMT";

    @DynamicPropertySource
    static void schedule(DynamicPropertyRegistry registry) {
        registry.add("trade.schedule.sources", () -> SITE.url().toString());
        registry.add("trade.schedule.webhook-url", () -> HOOK.url().toString());
        registry.add("trade.schedule.inbox", () -> FILES.resolve("inbox").toString());
        registry.add("trade.schedule.archive", () -> FILES.resolve("archive").toString());
    }

    @Autowired
    SchedulePass pass;
    @Autowired
    JdbcTemplate jdbc;

    Path publication;
    RawRows raw;

    @BeforeEach
    void emptyWarehouseAndSite() throws IOException {
        TestWarehouse.reset(jdbc);
        jdbc.execute("truncate dw.source_check");
        SITE.forget();
        HOOK.forget();
        publication = sample(FILES.resolve("site-v1"), 2024L);
        raw = RawRows.of(List.of(publication));
        SITE.publish(publication, "\"v1\"", LAST_MODIFIED);
        clear(FILES.resolve("archive"));
        clear(FILES.resolve("inbox"));
    }

    @AfterAll
    static void stop() {
        SITE.close();
        HOOK.close();
    }

    @Test
    void aNewPublicationIsLoadedOnceThenRecognisedAsUnchanged() throws Exception {
        SourceCheck first = only(pass.run());

        assertThat(first.decision()).isEqualTo(Decision.LOADED);
        assertThat(first.reason()).startsWith("new publication: " + String.format("%,d", raw.count()) + " rows loaded");
        assertWarehouseHolds(raw, first.loadId());
        String sha256 = LoadSources.sha256(publication);
        assertThat(first.sha256()).isEqualTo(sha256);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.lastModified()).isEqualTo(LAST_MODIFIED);
        Path archived = FILES.resolve("archive").resolve("202412_regional_2024_export-" + sha256.substring(0, 12) + ".zip");
        assertThat(Path.of(first.archivedAs())).isEqualTo(archived);
        assertThat(Files.readAllBytes(archived)).isEqualTo(Files.readAllBytes(publication));
        assertThat(list(FILES.resolve("archive"))).containsExactly(archived); // no temporary file left
        assertThat(HOOK.received()).hasSize(1);
        assertThat(HOOK.received().get(0).path("event").asString()).isEqualTo("publication-loaded");
        assertThat(HOOK.received().get(0).path("source").asString()).isEqualTo(SITE.url().toString());
        assertThat(HOOK.received().get(0).path("loadId").asLong()).isEqualTo(first.loadId());
        assertThat(HOOK.received().get(0).path("rows").asLong()).isEqualTo(raw.count());

        // the site says 304 to the validators of the last load
        SourceCheck notModified = only(pass.run());
        assertThat(SITE.requests().get(1).ifNoneMatch()).isEqualTo("\"v1\"");
        assertThat(SITE.requests().get(1).ifModifiedSince()).isEqualTo(LAST_MODIFIED);
        assertThat(notModified.decision()).isEqualTo(Decision.UNCHANGED);
        assertThat(notModified.reason()).contains("HTTP 304");

        // the same bytes without validators: the checksum tells
        SITE.withoutValidators();
        SourceCheck sameBytes = only(pass.run());
        assertThat(sameBytes.decision()).isEqualTo(Decision.UNCHANGED);
        assertThat(sameBytes.reason()).contains("same SHA-256");
        assertThat(jdbc.queryForObject("select count(*) from dw.load", Long.class)).isEqualTo(1L);
        assertWarehouseHolds(raw, first.loadId());
        assertThat(HOOK.received()).hasSize(1);

        // a revised publication replaces the quarters it holds
        Path revised = sample(FILES.resolve("site-v2"), 7L);
        SITE.publish(revised, "\"v2\"", "Fri, 14 Feb 2025 08:00:00 GMT");
        SourceCheck changed = only(pass.run());
        assertThat(changed.decision()).isEqualTo(Decision.LOADED);
        assertThat(changed.reason()).startsWith("changed publication");
        assertWarehouseHolds(RawRows.of(List.of(revised)), changed.loadId());
    }

    @Test
    void anErrorStatusChangesNothingThenTheNextPassLoads() throws Exception {
        SITE.failNext(2, FakeCustomsSite.status(500));
        assertFailsThenLoads("download failed: the site answered HTTP 500 (2 tries)");
    }

    @Test
    void aSiteThatDoesNotAnswerChangesNothingThenTheNextPassLoads() throws Exception {
        SITE.failNext(2, FakeCustomsSite.noAnswerFor(6));
        assertFailsThenLoads("download failed: no answer from the site within 2 s (2 tries)");
    }

    @Test
    void aBodyCutOffHalfwayChangesNothingThenTheNextPassLoads() throws Exception {
        SITE.failNext(2, SITE.cutOffHalfway());
        assertFailsThenLoads("download failed: the download broke off");
    }

    @Test
    void aFailedTryIsRetriedWithinThePass() throws Exception {
        SITE.failNext(1, FakeCustomsSite.status(503));
        SourceCheck check = only(pass.run());
        assertThat(check.decision()).isEqualTo(Decision.LOADED);
        assertThat(SITE.requests()).hasSize(2);
        assertWarehouseHolds(raw, check.loadId());
    }

    @Test
    void aMissingPublicationIsNotRetried() throws Exception {
        SITE.failNext(2, FakeCustomsSite.status(404));
        SourceCheck check = only(pass.run());
        assertThat(check.decision()).isEqualTo(Decision.FAILED);
        assertThat(check.reason()).isEqualTo("download failed: the site answered HTTP 404");
        assertThat(SITE.requests()).hasSize(1);
    }

    @Test
    void aFailingWebhookNeverFailsTheRun() throws Exception {
        HOOK.answer(500);
        SourceCheck check = only(pass.run());
        assertThat(check.decision()).isEqualTo(Decision.LOADED);
        assertThat(HOOK.received()).hasSize(1);
        assertWarehouseHolds(raw, check.loadId());
    }

    @Test
    void inboxFilesAreLoadedOnceThenMovedToDoneOrFailed() throws Exception {
        Path inbox = Files.createDirectories(FILES.resolve("inbox"));
        SITE.failNext(2, FakeCustomsSite.status(404)); // the site has nothing: only the inbox loads
        Path good = Files.copy(publication, inbox.resolve("2024-export.zip"));
        byte[] zip = Files.readAllBytes(publication);
        Files.write(inbox.resolve("truncated.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        Files.writeString(inbox.resolve("rejects.txt"), "E;3;2024;87;09;C21Z;2120;US;12x;5\r\n");
        Files.writeString(inbox.resolve(".copying.zip"), "being copied");
        Files.writeString(inbox.resolve("half-copied.zip.part"), "being copied");
        String sha256 = LoadSources.sha256(good);

        List<SourceCheck> decisions = pass.run();

        assertThat(decisions).extracting(SourceCheck::source, SourceCheck::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SITE.url().toString(), Decision.FAILED),
                org.assertj.core.groups.Tuple.tuple("inbox/2024-export.zip", Decision.LOADED),
                org.assertj.core.groups.Tuple.tuple("inbox/rejects.txt", Decision.FAILED),
                org.assertj.core.groups.Tuple.tuple("inbox/truncated.zip", Decision.FAILED));
        assertWarehouseHolds(raw, decisions.get(1).loadId());
        assertThat(decisions.get(1).sha256()).isEqualTo(sha256);
        assertThat(list(inbox)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(".copying.zip", "half-copied.zip.part", "done", "failed");
        assertThat(list(inbox.resolve("done"))).extracting(p -> p.getFileName().toString()).containsExactly("2024-export.zip");
        assertThat(list(inbox.resolve("failed"))).extracting(p -> p.getFileName().toString()).containsExactly(
                "rejects.txt", "rejects.txt.error.txt", "truncated.zip", "truncated.zip.error.txt");
        assertThat(Files.readString(inbox.resolve("failed/truncated.zip.error.txt")))
                .startsWith("truncated.zip: not a readable ZIP archive, truncated or corrupted");
        assertThat(Files.readString(inbox.resolve("failed/rejects.txt.error.txt")))
                .contains("not published", "1 line(s) rejected", "rejects.txt line 1");
        assertThat(decisions.get(3).reason()).isEqualTo(Files.readString(inbox.resolve("failed/truncated.zip.error.txt")).strip());

        // loaded once: the next pass finds the inbox empty
        SITE.failNext(2, FakeCustomsSite.status(404));
        assertThat(pass.run()).extracting(SourceCheck::source).containsExactly(SITE.url().toString());
        assertThat(jdbc.queryForObject("select count(*) from dw.load", Long.class)).isEqualTo(1L);
    }

    private void assertFailsThenLoads(String reason) throws Exception {
        var before = TestWarehouse.fingerprint(jdbc);
        SourceCheck failed = only(pass.run());
        assertThat(failed.decision()).isEqualTo(Decision.FAILED);
        assertThat(failed.reason()).startsWith(reason);
        assertThat(failed.loadId()).isNull();
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from batch.batch_job_execution", Long.class)).isZero();
        assertThat(list(FILES.resolve("archive"))).isEmpty();
        assertThat(HOOK.received()).hasSize(1);
        assertThat(HOOK.received().get(0).path("event").asString()).isEqualTo("failure");
        assertThat(HOOK.received().get(0).path("message").asString()).isEqualTo(failed.reason());

        SourceCheck next = only(pass.run());
        assertThat(next.decision()).isEqualTo(Decision.LOADED);
        assertWarehouseHolds(raw, next.loadId());
        assertThat(jdbc.queryForList("select decision from dw.source_check order by check_id", String.class))
                .containsExactly("failed", "loaded");
    }

    /** The facts are exactly the raw lines' count and euros, all from the given load. */
    private void assertWarehouseHolds(RawRows expected, long loadId) {
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(expected.count());
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade", Long.class))
                .isEqualTo(expected.euros(f -> "all").get("all"));
        assertThat(jdbc.queryForList("select distinct load_id from dw.fact_trade", Long.class)).containsExactly(loadId);
    }

    private static SourceCheck only(List<SourceCheck> decisions) {
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    /** The 2024 export of a small sample publication. */
    static Path sample(Path dir, long seed) throws IOException {
        return SamplePublication.write(dir, new SamplePublication.Options(2024, 2024, seed, 800)).zips().get(0);
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    interface Starter<T> {
        T start() throws IOException;
    }

    static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
