package org.tradewarehouse.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.tradewarehouse.fiche.FrenchFormat;
import org.tradewarehouse.ingest.LoadHistory;
import org.tradewarehouse.schedule.SourceChecks;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "What the warehouse holds: each (year, quarter, flow) with its rows, value and the load (publication)"
                + " that wrote it; when the last successful load happened; when each source of the scheduled fetch was last checked.")
class StatusCommand extends WarehouseReport {

    @Override
    void report(ConfigurableApplicationContext context, PrintWriter out) {
        var slices = context.getBean(LoadHistory.class).slices();
        var checks = context.getBean(SourceChecks.class).latestPerSource();
        if (slices.isEmpty()) {
            out.println("The warehouse holds no data yet: run trade-etl load (or demo).");
        } else {
            printSlices(out, slices);
        }
        if (!checks.isEmpty()) {
            out.println("Last check of each source (UTC):");
            for (var c : checks) {
                out.printf("  %-19s %-12s %s%n", HistoryCommand.timestamp(HistoryCommand.utc(c.checkedAt())),
                        c.decision().label, c.source());
            }
        }
    }

    private static void printSlices(PrintWriter out, List<LoadHistory.Slice> slices) {
        out.printf("%-8s %-4s %12s %14s %6s  %-19s %s%n", "quarter", "flow", "rows", "value (M€)", "load",
                "published (UTC)", "inputs");
        for (var s : slices) {
            out.printf(Locale.ROOT, "%-8s %-4s %,12d %14s %6d  %-19s %s%n", s.year() + "-T" + s.quarter(), s.flow(),
                    s.rows(), FrenchFormat.millions(s.valueEur()), s.loadId(),
                    HistoryCommand.timestamp(s.publishedAt()), HistoryCommand.fileNames(s.sources()));
        }
        var last = slices.stream().max((a, b) -> a.publishedAt().compareTo(b.publishedAt())).orElseThrow();
        out.println("Last successful load: " + last.loadId() + " at " + HistoryCommand.timestamp(last.publishedAt()) + " UTC");
    }
}
