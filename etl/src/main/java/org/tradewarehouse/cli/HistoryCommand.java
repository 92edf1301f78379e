package org.tradewarehouse.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.tradewarehouse.ingest.LoadHistory;
import org.tradewarehouse.schedule.SourceChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the last runs of the load job: when, duration, status, the scheduled fetch's decision, rows,"
                + " rejects, checksum and source (the publication address or inbox file, else the inputs of a load"
                + " run by hand).", "Then the last decisions of the scheduled fetch, those that loaded nothing included."})
class HistoryCommand extends WarehouseReport {

    @Option(names = "--last", defaultValue = "20", description = "How many runs and checks (default: ${DEFAULT-VALUE})")
    int last;

    @Override
    void report(ConfigurableApplicationContext context, PrintWriter out) {
        out.printf("%-6s %-5s %-19s %8s %-10s %-12s %12s %9s %14s  %-12s %s%n", "load", "run", "started", "duration",
                "status", "decision", "rows loaded", "rejected", "rejected EUR", "sha256", "source");
        for (var r : context.getBean(LoadHistory.class).runs(last)) {
            String duration = r.started() == null || r.ended() == null ? "" : String.format(Locale.ROOT, "%.1f s",
                    Duration.between(r.started(), r.ended()).toMillis() / 1000.0);
            out.printf(Locale.ROOT, "%-6d %-5d %-19s %8s %-10s %-12s %12s %9s %14s  %-12s %s%n", r.loadId(), r.runId(),
                    timestamp(r.started()), duration, r.status(), r.decision() == null ? "by hand" : r.decision(),
                    r.rowsLoaded() == null ? "" : String.format(Locale.ROOT, "%,d", r.rowsLoaded()),
                    r.rowsRejected() == null ? "" : String.format(Locale.ROOT, "%,d", r.rowsRejected()),
                    r.eurosRejected() == null ? "" : String.format(Locale.ROOT, "%,d", r.eurosRejected()),
                    r.sha256() == null ? "" : r.sha256().substring(0, 12),
                    r.checkedSource() == null ? fileNames(r.sources()) : r.checkedSource());
            if (!"COMPLETED".equals(r.status()) && r.message() != null && !r.message().isBlank()) {
                out.println("       " + firstLine(r.message()));
            }
        }
        var checks = context.getBean(SourceChecks.class).last(last);
        if (!checks.isEmpty()) {
            out.println();
            out.println("Scheduled fetch, its last decisions, newest first (UTC):");
            out.printf("%-19s %-12s %6s %-12s %s%n", "checked", "decision", "load", "sha256", "source / reason");
            for (var c : checks) {
                out.printf(Locale.ROOT, "%-19s %-12s %6s %-12s %s%n", timestamp(utc(c.checkedAt())), c.decision().label,
                        c.loadId() == null ? "" : c.loadId(), c.sha256() == null ? "" : c.sha256().substring(0, 12), c.source());
                out.println("       " + c.reason());
            }
        }
    }

    static LocalDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** Always to the second: {@code LocalDateTime.toString()} drops the seconds when they are zero. */
    static String timestamp(LocalDateTime t) {
        return t == null ? "" : SECONDS.format(t);
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    static String fileNames(String sources) {
        return sources == null ? "" : Arrays.stream(sources.split("\n"))
                .map(p -> Path.of(p).getFileName().toString()).collect(Collectors.joining(", "));
    }

    /** The exit message's first line, without the exception's class name Spring Batch puts before it. */
    private static String firstLine(String s) {
        int end = s.indexOf('\n');
        return (end < 0 ? s : s.substring(0, end)).replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    }
}
