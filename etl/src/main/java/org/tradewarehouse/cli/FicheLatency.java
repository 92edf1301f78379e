package org.tradewarehouse.cli;

import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.ProductLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Times the fiche's data query in-process for every département: what a web page or an export pays per fiche. */
final class FicheLatency {

    private FicheLatency() {
    }

    static String measure(FicheService fiches, int year, ProductLevel level) {
        List<String> departements = fiches.departements();
        departements.forEach(geo -> fiches.fiche(geo, year, level)); // warm-up: JIT, connection pool, caches
        List<Double> millis = new ArrayList<>();
        for (String geo : departements) {
            long start = System.nanoTime();
            fiches.fiche(geo, year, level);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return String.format(Locale.ROOT, "fiche data query, %d départements, %d, %s: median %.1f ms, p95 %.1f ms, max %.1f ms",
                millis.size(), year, level, percentile(millis, 50), percentile(millis, 95), millis.get(millis.size() - 1));
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
