package org.tradewarehouse.fiche;

import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample publication (2023 and 2024) loaded into an empty warehouse, and figures the fiche tests expect from it. */
public final class SampleFiches {

    private SampleFiches() {
    }

    /** Empties the warehouse, loads the sample and returns its raw lines. */
    public static RawRows load(JdbcTemplate jdbc, LoadService loads, Path dir) throws Exception {
        TestWarehouse.reset(jdbc);
        List<Path> zips = SamplePublication.write(dir, SamplePublication.Options.defaults()).zips();
        RawRows raw = RawRows.of(zips);
        assertThat(loads.load(zips, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        return raw;
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
