package org.tradewarehouse.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Scales one flow of the drawn sample so that its {@value #YEAR} totals are those of the published Haute-Vienne fiche
 * of {@value #YEAR}: the département's, its région's (Nouvelle-Aquitaine) and France's, to the euro. Three groups of
 * départements are scaled apart: Haute-Vienne, the rest of its région, the rest of France. Every year of the sample is
 * scaled by the factors found on {@value #YEAR}, so the changes from one year to the next stay as drawn; masses follow
 * their values, so prices per kg stay as drawn too.
 */
final class SampleCalibration {

    static final int YEAR = 2024;
    static final String DEPARTEMENT = "87";
    static final String REGION = "09";

    /**
     * Euros of the published fiche, per flow: the département, its région, France. Exports 1 109.1 M€ (4.2 % of the
     * région, 0.19 % of France), imports 755.9 M€ (2.7 %, 0.11 %).
     */
    static long[] targets(String flow) {
        return switch (flow) {
            case "E" -> new long[] {1_109_100_000L, 26_635_600_000L, 580_354_500_000L};
            case "I" -> new long[] {755_900_000L, 27_634_200_000L, 684_776_300_000L};
            default -> throw new IllegalArgumentException("flow must be E or I: " + flow);
        };
    }

    /** Euros each group must hold in {@value #YEAR}: the département, the rest of its région, the rest of France. */
    private final long[] groupTargets;
    private final double[] factors = new double[3];

    /** From the flow's drawn {@value #YEAR} rows. */
    SampleCalibration(String flow, List<SampleTrade.Row> drawnInYear) {
        long[] t = targets(flow);
        groupTargets = new long[] {t[0], t[1] - t[0], t[2] - t[1]};
        long[] drawn = new long[3];
        for (SampleTrade.Row r : drawnInYear) {
            drawn[group(r.dep())] += r.value();
        }
        for (int g = 0; g < 3; g++) {
            if (drawn[g] == 0) {
                throw new IllegalStateException("the sample has no " + (g == 0 ? "Haute-Vienne" : g == 1
                        ? "Nouvelle-Aquitaine" : "other") + " row to calibrate");
            }
            factors[g] = (double) groupTargets[g] / drawn[g];
        }
    }

    /**
     * The rows scaled; for {@value #YEAR} (exact), the rounding left over in each group goes to its largest row, so the
     * totals are the targets to the euro.
     */
    List<SampleTrade.Row> apply(List<SampleTrade.Row> rows, boolean exact) {
        List<SampleTrade.Row> scaled = new ArrayList<>(rows.size());
        long[] sums = new long[3];
        int[] largest = {-1, -1, -1};
        for (SampleTrade.Row r : rows) {
            int g = group(r.dep());
            double f = factors[g];
            SampleTrade.Row s = new SampleTrade.Row(r.quarter(), r.dep(), r.product(), r.country(),
                    Math.max(1, Math.round(r.value() * f)), Math.max(1, Math.round(r.mass() * f)));
            sums[g] += s.value();
            if (largest[g] < 0 || s.value() > scaled.get(largest[g]).value()) {
                largest[g] = scaled.size();
            }
            scaled.add(s);
        }
        if (exact) {
            for (int g = 0; g < 3; g++) {
                SampleTrade.Row r = scaled.get(largest[g]);
                scaled.set(largest[g], new SampleTrade.Row(r.quarter(), r.dep(), r.product(), r.country(),
                        r.value() + groupTargets[g] - sums[g], r.mass()));
            }
        }
        return scaled;
    }

    /** 0 Haute-Vienne, 1 the rest of Nouvelle-Aquitaine, 2 the rest of France. */
    private static int group(int dep) {
        SampleNomenclature.Departement d = SampleNomenclature.DEPARTEMENTS.get(dep);
        return d.code().equals(DEPARTEMENT) ? 0 : d.regionCode().equals(REGION) ? 1 : 2;
    }
}
