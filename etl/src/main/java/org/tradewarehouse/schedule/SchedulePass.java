package org.tradewarehouse.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.tradewarehouse.ingest.BadPublicationException;
import org.tradewarehouse.ingest.LoadLock;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;
import org.tradewarehouse.ingest.LoadSources;
import org.tradewarehouse.ingest.Publication;
import org.tradewarehouse.schedule.SourceCheck.Decision;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pass of the scheduled fetch: every configured publication address, then every file of the inbox; what is
 * new or changed is loaded, and every decision is recorded in dw.source_check. One pass at a time per database:
 * a pass that finds another one running records every source as skipped and leaves.
 */
@Service
public class SchedulePass implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchedulePass.class);
    /** Arbitrary, fixed, other than the load's own lock: held for a whole pass, downloads included. */
    static final long PASS_LOCK_KEY = 0x7472616466L;
    /** How long shutdown waits for a pass (a download in progress is abandoned after that). */
    private static final long SHUTDOWN_WAIT_SECONDS = 20;
    static final String BUSY = "skipped: another load is running on this database; the next pass tries again";

    private final ScheduleProperties properties;
    private final PublicationDownloader downloader;
    private final Inbox inbox;
    private final SourceChecks checks;
    private final LoadService loads;
    private final LoadMetrics metrics;
    private final Webhook webhook;
    private final DataSource dataSource;
    /** Held for the whole of a pass: shutdown waits for the pass to record its last decision. */
    private final ReentrantLock passing = new ReentrantLock();
    private volatile boolean stopping;
    private volatile boolean started;

    /**
     * The download client and the load job are built on first use: this bean is created at every start (it takes
     * part in shutdown), and the commands other than fetch need neither.
     */
    SchedulePass(ScheduleProperties properties, @Lazy PublicationDownloader downloader, Inbox inbox, SourceChecks checks,
                 @Lazy LoadService loads, LoadMetrics metrics, Webhook webhook, DataSource dataSource) {
        this.properties = properties;
        this.downloader = downloader;
        this.inbox = inbox;
        this.checks = checks;
        this.loads = loads;
        this.metrics = metrics;
        this.webhook = webhook;
        this.dataSource = dataSource;
    }

    /** The decisions of this pass, in the order taken; on shutdown, the sources not reached yet are left for the next. */
    public List<SourceCheck> run() throws Exception {
        passing.lock();
        try {
            return stopping ? List.of() : pass();
        } finally {
            passing.unlock();
        }
    }

    private List<SourceCheck> pass() throws Exception {
        List<SourceCheck> decisions = new ArrayList<>();
        var lock = LoadLock.tryAcquire(dataSource, PASS_LOCK_KEY);
        if (lock.isEmpty()) {
            log.warn("Another pass of the scheduled fetch is running on this database; skipping this one");
            properties.sources().forEach(s -> decisions.add(record(SourceCheck.of(s.toString(), Decision.SKIPPED_BUSY, BUSY))));
            inbox.files().forEach(f -> decisions.add(record(SourceCheck.of(Inbox.source(f), Decision.SKIPPED_BUSY, BUSY))));
            return decisions;
        }
        try (LoadLock held = lock.get()) {
            for (URI source : properties.sources()) {
                if (!stopping) {
                    decisions.add(check(source));
                }
            }
            for (Path file : inbox.files()) {
                if (!stopping) {
                    decisions.add(drop(file));
                }
            }
        }
        return decisions;
    }

    private SourceCheck check(URI source) {
        Optional<SourceCheck> lastGood = checks.lastKnownGood(source.toString());
        SourceCheck pending = SourceCheck.of(source.toString(), Decision.FAILED, null);
        var result = downloader.fetch(source, lastGood);
        if (result instanceof PublicationDownloader.Failed failed) {
            return fail(pending, "download failed: " + failed.reason());
        }
        if (result instanceof PublicationDownloader.NotModified same) {
            return record(pending.withValidators(same.etag(), same.lastModified())
                    .withFile(lastGood.map(SourceCheck::sha256).orElse(null), lastGood.map(SourceCheck::archivedAs).orElse(null))
                    .withOutcome(Decision.UNCHANGED, "not modified since the last check (HTTP 304)", null));
        }
        var downloaded = (PublicationDownloader.Downloaded) result;
        pending = pending.withValidators(downloaded.etag(), downloaded.lastModified());
        Path archived;
        String sha256;
        try {
            sha256 = LoadSources.sha256(downloaded.file());
            archived = archive(downloaded.file(), sha256);
        } catch (IOException | RuntimeException e) {
            return fail(pending, "could not keep the file downloaded in the archive: " + e.getMessage());
        }
        pending = pending.withFile(sha256, archived.toString());
        if (lastGood.isPresent() && sha256.equals(lastGood.get().sha256())) {
            return record(pending.withOutcome(Decision.UNCHANGED, "same SHA-256 as the publication already loaded ("
                    + "load " + lastGood.get().loadId() + ")", lastGood.get().loadId()));
        }
        return load(pending, archived, lastGood.isPresent() ? "changed publication" : "new publication");
    }

    private SourceCheck drop(Path file) {
        SourceCheck pending = SourceCheck.of(Inbox.source(file), Decision.FAILED, null);
        SourceCheck decided;
        try {
            Publication.inspect(List.of(file));
            pending = pending.withFile(LoadSources.sha256(file), null);
            decided = load(pending, file, "file dropped in the inbox");
        } catch (BadPublicationException e) {
            decided = fail(pending, e.getMessage());
        }
        if (decided.decision() == Decision.LOADED) {
            inbox.done(file);
        } else if (decided.decision() == Decision.FAILED && !stopping) {
            inbox.failed(file, decided.reason());
        } // busy, or stopped by a shutdown: left in the inbox for the next pass
        return decided;
    }

    private SourceCheck load(SourceCheck pending, Path file, String why) {
        if (stopping) {
            return record(pending.withOutcome(Decision.FAILED, "not loaded: the application is shutting down; the next"
                    + " pass loads it", null));
        }
        LoadOutcome outcome;
        try {
            outcome = loads.load(List.of(file), false);
        } catch (BadPublicationException e) {
            return fail(pending, e.getMessage());
        } catch (Exception e) {
            log.error("Load of {} failed", pending.source(), e);
            return fail(pending, "the load failed: " + e.getMessage());
        }
        if (outcome.status() == LoadOutcome.Status.BUSY) {
            return record(pending.withOutcome(Decision.SKIPPED_BUSY, BUSY, null));
        }
        if (outcome.status() == LoadOutcome.Status.STOPPED) { // a shutdown, not a fault: no alert
            return record(pending.withOutcome(Decision.FAILED, "load " + outcome.loadId() + " " + outcome.failure(),
                    outcome.loadId()));
        }
        metrics.loaded(outcome);
        long rows = outcome.flows().stream().mapToLong(LoadOutcome.FlowFigures::rowsLoaded).sum();
        if (outcome.status() != LoadOutcome.Status.PUBLISHED) {
            String reason = "load " + outcome.loadId() + " not published: " + outcome.failure()
                    + (outcome.rejectSamples().isEmpty() ? "" : "; first rejected line: " + outcome.rejectSamples().get(0));
            return fail(pending.withOutcome(Decision.FAILED, null, outcome.loadId()), reason);
        }
        String reason = String.format(Locale.ROOT, "%s: %,d rows loaded (%s)", why, rows, String.join(", ", outcome.slices()));
        SourceCheck loaded = record(pending.withOutcome(Decision.LOADED, reason, outcome.loadId()));
        webhook.send(Webhook.Event.LOADED, loaded.source(), outcome.loadId(), rows, reason);
        return loaded;
    }

    private SourceCheck fail(SourceCheck pending, String reason) {
        SourceCheck failed = record(pending.withOutcome(Decision.FAILED, reason, pending.loadId()));
        log.warn("{}: {}", failed.source(), reason);
        webhook.send(Webhook.Event.FAILED, failed.source(), failed.loadId(), null, reason);
        return failed;
    }

    private SourceCheck record(SourceCheck check) {
        metrics.decided(check.decision());
        return checks.record(check);
    }

    @Override
    public void start() {
        started = true;
    }

    /**
     * On shutdown: no new source is taken up, and the running pass is awaited (its load is stopped first, by the
     * load's own shutdown step) so that its decisions are recorded while the database is still there.
     */
    @Override
    public void stop() {
        stopping = true;
        started = false;
        try {
            if (passing.tryLock(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                passing.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Right after the running load is stopped (LoadStopper, the last phase), before the connection pool closes. */
    private static final int PHASE = Integer.MAX_VALUE - 1;

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Into the archive under a name that tells versions apart; the temporary folder is removed. */
    private Path archive(Path downloaded, String sha256) throws IOException {
        String name = downloaded.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String archivedName = (dot > 0 ? name.substring(0, dot) : name) + "-" + sha256.substring(0, 12)
                + (dot > 0 ? name.substring(dot) : "");
        Path target = properties.archive().resolve(archivedName);
        try {
            return Files.move(downloaded, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            PublicationDownloader.deleteQuietly(downloaded);
            PublicationDownloader.deleteQuietly(downloaded.getParent());
        }
    }
}
