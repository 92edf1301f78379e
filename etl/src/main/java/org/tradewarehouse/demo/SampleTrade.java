package org.tradewarehouse.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Draws the data rows of one flow and year, shaped like real regional trade.
 *
 * <p>Per flow, a fixed "structure" (département sizes, each département's own tilt on products and
 * partners, the order in which its (CPF4, partner) cells appear) is drawn once, so both years share
 * it; each year then adds its own growth, quarterly presence and noise, which makes year-on-year
 * changes visible without turning the second year into unrelated data.
 *
 * <p>Uses {@link java.util.Random} and {@link StrictMath}: both are specified to the bit, so a seed gives
 * the same rows on any JDK and platform. Each flow and year draws from its own stream derived from the
 * seed, so changing the year range does not change the years that stay.
 */
final class SampleTrade {

    /** Indices into the nomenclature lists; value in euros, mass in kg, both positive. */
    record Row(int quarter, int dep, int product, int country, long value, long mass) {
    }

    /** Chance that a cell shows up in a given quarter (at least one quarter is always present). */
    private static final double QUARTER_PRESENCE = 0.7;
    /** Below this row budget a département is small enough not to trade every product with everyone. */
    private static final int FULL_COVERAGE_MIN_ROWS = 150;

    private static final List<SampleNomenclature.Departement> DEPS = SampleNomenclature.DEPARTEMENTS;
    private static final List<SampleNomenclature.Product> PRODUCTS = SampleNomenclature.PRODUCTS;
    private static final List<SampleNomenclature.Country> PARTNERS = SampleNomenclature.PARTNERS;

    private final long seed;
    /** Euros per kg, one per product, shared by flows and years so masses stay consistent. */
    private final double[] pricePerKg;

    SampleTrade(long seed) {
        this.seed = seed;
        Random rng = stream(seed, "prices");
        pricePerKg = new double[PRODUCTS.size()];
        for (int p = 0; p < pricePerKg.length; p++) {
            pricePerKg[p] = logNormal(rng, 1.0, 1.3);
        }
    }

    /** Rows of one flow ("E" or "I") and year, sorted by quarter, département, CPF4, partner. */
    List<Row> rows(String flow, int year, int targetRows) {
        Structure s = new Structure(flow, targetRows);
        Random rng = stream(seed, "year:" + flow + ":" + year);
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < DEPS.size(); d++) {
            double depTotalEur = s.depScaleMEur[d] * 1e6 * logNormal(rng, 0.03, 0.10);
            double[] productGrowth = new double[PRODUCTS.size()];
            for (int p = 0; p < productGrowth.length; p++) {
                productGrowth[p] = logNormal(rng, 0.0, 0.25);
            }
            List<int[]> drawn = new ArrayList<>(); // {quarter, product, country}
            List<Double> weights = new ArrayList<>();
            double weightSum = 0;
            for (int cell : s.cellOrder[d]) {
                if (drawn.size() >= s.rowBudget[d]) {
                    break;
                }
                int p = cell / PARTNERS.size();
                int c = cell % PARTNERS.size();
                boolean[] present = presentQuarters(rng);
                for (int q = 0; q < 4; q++) {
                    if (present[q]) {
                        double w = s.cellWeight[d][cell] * productGrowth[p] * (0.5 + rng.nextDouble());
                        drawn.add(new int[] {q + 1, p, c});
                        weights.add(w);
                        weightSum += w;
                    }
                }
            }
            for (int i = 0; i < drawn.size(); i++) {
                int[] key = drawn.get(i);
                long value = Math.max(1, Math.round(depTotalEur * weights.get(i) / weightSum));
                long mass = Math.max(1, Math.round(value / pricePerKg[key[1]] * logNormal(rng, 0.0, 0.3)));
                rows.add(new Row(key[0], d, key[1], key[2], value, mass));
            }
        }
        rows.sort(Comparator.comparingInt(Row::quarter).thenComparingInt(Row::dep)
                .thenComparingInt(Row::product).thenComparingInt(Row::country));
        return rows;
    }

    private static boolean[] presentQuarters(Random rng) {
        boolean[] present = new boolean[4];
        boolean any = false;
        for (int q = 0; q < 4; q++) {
            present[q] = rng.nextDouble() < QUARTER_PRESENCE;
            any |= present[q];
        }
        if (!any) {
            present[rng.nextInt(4)] = true;
        }
        return present;
    }

    /** What stays the same across years for one flow. Cells are numbered product * partners + partner. */
    private final class Structure {
        final double[] depScaleMEur = new double[DEPS.size()];
        final double[][] cellWeight = new double[DEPS.size()][];
        final int[][] cellOrder = new int[DEPS.size()][];
        final int[] rowBudget;

        Structure(String flow, int targetRows) {
            Random rng = stream(seed, "structure:" + flow);
            int nP = PRODUCTS.size();
            int nC = PARTNERS.size();
            double[] productWeight = new double[nP];
            for (int p = 0; p < nP; p++) {
                productWeight[p] = logNormal(rng, 0.0, 1.4);
            }
            double[] budgetWeight = new double[DEPS.size()];
            for (int d = 0; d < DEPS.size(); d++) {
                // imports are not a copy of exports: each département gets its own import/export ratio
                double flowFactor = flow.equals("I") ? logNormal(rng, 0.05, 0.35) : 1.0;
                depScaleMEur[d] = DEPS.get(d).exportsMEur() * flowFactor;
                // big départements get more rows, but less than proportionally, as in the real files
                budgetWeight[d] = Math.sqrt(depScaleMEur[d]);
            }
            // at most about half the quarters of every cell: keeps presence random even when capped
            rowBudget = waterFill(budgetWeight, targetRows, nP * nC * 2);
            for (int d = 0; d < DEPS.size(); d++) {
                double[] pTilt = new double[nP];
                double[] cTilt = new double[nC];
                for (int p = 0; p < nP; p++) {
                    pTilt[p] = productWeight[p] * logNormal(rng, 0.0, 1.5); // specialised départements
                }
                for (int c = 0; c < nC; c++) {
                    cTilt[c] = PARTNERS.get(c).share() * logNormal(rng, 0.0, 0.6);
                }
                double[] w = new double[nP * nC];
                for (int cell = 0; cell < w.length; cell++) {
                    w[cell] = pTilt[cell / nC] * cTilt[cell % nC] * logNormal(rng, 0.0, 1.0);
                }
                cellWeight[d] = w;
                cellOrder[d] = order(w, rowBudget[d] >= FULL_COVERAGE_MIN_ROWS, rng);
            }
        }

        /**
         * Cells in the order they are taken: for départements big enough, first a diagonal that holds every
         * product and every partner once (so rankings have depth), then weighted sampling without replacement
         * (Efraimidis-Spirakis keys), so heavy cells come early but small ones still show up.
         */
        private int[] order(double[] w, boolean fullCoverage, Random rng) {
            int nP = PRODUCTS.size();
            int nC = PARTNERS.size();
            double[] key = new double[w.length];
            for (int cell = 0; cell < w.length; cell++) {
                key[cell] = StrictMath.log(1.0 - rng.nextDouble()) / w[cell]; // larger is earlier
            }
            if (fullCoverage) {
                int[] pPerm = permutation(nP, rng);
                int[] cPerm = permutation(nC, rng);
                for (int i = 0; i < Math.max(nP, nC); i++) {
                    key[pPerm[i % nP] * nC + cPerm[i % nC]] = Double.POSITIVE_INFINITY;
                }
            }
            List<Integer> cells = new ArrayList<>(w.length);
            for (int cell = 0; cell < w.length; cell++) {
                cells.add(cell);
            }
            cells.sort(Comparator.comparingDouble((Integer cell) -> key[cell]).reversed()
                    .thenComparingInt(cell -> cell));
            return cells.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Splits total in proportion to weights, no share above cap; what a capped share loses goes to the others. */
    static int[] waterFill(double[] weights, int total, int cap) {
        int[] out = new int[weights.length];
        boolean[] capped = new boolean[weights.length];
        int remaining = total;
        boolean changed = true;
        while (changed) {
            changed = false;
            double free = 0;
            for (int i = 0; i < weights.length; i++) {
                if (!capped[i]) {
                    free += weights[i];
                }
            }
            for (int i = 0; i < weights.length; i++) {
                if (!capped[i] && remaining * weights[i] / free > cap) {
                    capped[i] = true;
                    out[i] = cap;
                    remaining -= cap;
                    changed = true;
                }
            }
            if (!changed) {
                for (int i = 0; i < weights.length; i++) {
                    if (!capped[i]) {
                        out[i] = (int) Math.round(Math.max(0, remaining) * weights[i] / free);
                    }
                }
            }
        }
        return out;
    }

    private static int[] permutation(int n, Random rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static double logNormal(Random rng, double mu, double sigma) {
        return StrictMath.exp(mu + sigma * rng.nextGaussian());
    }

    /** An independent stream per purpose: SplitMix64's finaliser spreads (seed, tag) over all 64 bits. */
    private static Random stream(long seed, String tag) {
        long z = seed + 0x9E3779B97F4A7C15L * (tag.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }
}
