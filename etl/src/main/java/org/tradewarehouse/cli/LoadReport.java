package org.tradewarehouse.cli;

import org.tradewarehouse.ingest.LoadOutcome;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a load's outcome: per flow rows read, loaded, rejected, values in M€, throughput; then slices or the failure. */
final class LoadReport {

    private LoadReport() {
    }

    static void print(LoadOutcome o, PrintWriter out, PrintWriter err) {
        double seconds = Math.max(o.duration().toMillis() / 1000.0, 0.001);
        switch (o.status()) {
            case PUBLISHED -> out.printf(Locale.ROOT, "Load %d published in %.1f s.%n", o.loadId(), seconds);
            case BUSY -> {
                err.println("error: " + o.failure());
                return;
            }
            default -> err.printf(Locale.ROOT, "Load %d not published (%.1f s): %s%n", o.loadId(), seconds, o.failure());
        }
        PrintWriter w = o.status() == LoadOutcome.Status.PUBLISHED ? out : err;
        w.printf(Locale.ROOT, "%-5s %12s %12s %10s %14s %14s %11s %10s%n",
                "flow", "rows read", "loaded", "rejected", "loaded M€", "rejected M€", "staging (s)", "rows/s");
        for (var f : o.flows()) {
            // rows/s over the flow's own staging time; over the whole job when that is not known
            double staging = f.staging().toMillis() / 1000.0;
            w.printf(Locale.ROOT, "%-5s %,12d %,12d %,10d %,14.1f %,14.1f %11.1f %,10.0f%n", f.flow(), f.rowsRead(),
                    f.rowsLoaded(), f.rowsRejected(), f.valueLoadedEur() / 1e6, f.valueRejectedEur() / 1e6, staging,
                    f.rowsRead() / (staging > 0 ? staging : seconds));
        }
        if (!o.steps().isEmpty()) {
            StringBuilder b = new StringBuilder("Steps:");
            o.steps().forEach((name, d) -> b.append(String.format(Locale.ROOT, " %s %.1f s,", name, d.toMillis() / 1000.0)));
            w.println(b.substring(0, b.length() - 1));
        }
        if (!o.slices().isEmpty()) {
            w.println("Quarters replaced: " + String.join(", ", o.slices()));
        }
        if (!o.rejectSamples().isEmpty()) {
            w.println("Rejected lines (first " + o.rejectSamples().size() + "; all are in staging.reject, load_id = "
                    + o.loadId() + "):");
            o.rejectSamples().forEach(s -> w.println("  " + s));
        }
        w.flush();
    }
}
