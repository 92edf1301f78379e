package org.tradewarehouse.fiche;

import org.tradewarehouse.RawRows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.TreeSet;

/** Figures the fiche tests expect from the sample publication (2023 and 2024). */
public final class SampleFiches {

    private SampleFiches() {
    }

    /** Every territory with lines in {@code year}: its départements, their régions and France (dep:87, reg:09, fr). */
    public static Set<String> territories(RawRows raw, int year) {
        Set<String> geos = new TreeSet<>();
        raw.rows().stream().filter(f -> Integer.parseInt(f[2]) == year).forEach(f -> {
            geos.add("dep:" + f[3]);
            geos.add("reg:" + f[4]);
        });
        geos.add("fr");
        return geos;
    }

    /** Millions of euros as the web page writes them (1 109,1 M€), with plain spaces; written apart from the code. */
    public static String webMillions(long euros) {
        BigDecimal m = BigDecimal.valueOf(euros).movePointLeft(6).setScale(1, RoundingMode.HALF_UP);
        String[] parts = m.abs().toPlainString().split("\\.");
        StringBuilder whole = new StringBuilder(parts[0]);
        for (int i = whole.length() - 3; i > 0; i -= 3) {
            whole.insert(i, ' ');
        }
        return (m.signum() < 0 ? "-" : "") + whole + "," + parts[1] + " M€";
    }
}
