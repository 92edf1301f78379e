package org.tradewarehouse.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a small, deterministic sample of the DGDDI annual regional publication ("bases complètes"):
 * per year and flow one ZIP such as {@code 202412_regional_2024_export.zip} holding
 * {@code Regional-2024-export/Region_2024_Export.txt} and the four label annexes, in the real format
 * (no header, ';', UTF-8, CRLF, 10 fields; annexes with their own encodings).
 *
 * <p>Its 2024 is calibrated on the published Haute-Vienne fiche of 2024 (see {@link SampleCalibration}): the fiche
 * of dep:87 shows that fiche's totals and shares (exports 1 109.1 M€, 4.2 % of the région, 0.19 % of France), and
 * Nouvelle-Aquitaine's and France's totals are the published ones; the other years are scaled alike.
 *
 * <p>Same options give byte-identical ZIP files: rows come from seeded streams and every entry carries a
 * fixed DOS timestamp (no extended-time extra field, no dependence on the machine's time zone).
 */
public final class SamplePublication {

    /** Export and import, in the customs' {@code Flux} codes. */
    public static final List<String> FLOWS = List.of("E", "I");

    /** Label annexes shipped beside each data file, in ZIP order. */
    public static final List<String> ANNEX_FILES = AnnexFiles.NAMES;

    /**
     * @param firstYear          first year written (inclusive)
     * @param lastYear           last year written (inclusive)
     * @param seed               fixes every drawn value
     * @param rowsPerFlowPerYear approximate data rows per file; capped by what the small nomenclature can hold
     */
    public record Options(int firstYear, int lastYear, long seed, int rowsPerFlowPerYear) {
        public Options {
            if (firstYear < 1000 || lastYear > 9999 || firstYear > lastYear) {
                throw new IllegalArgumentException("years must be 4-digit with firstYear <= lastYear: "
                        + firstYear + ".." + lastYear);
            }
            if (rowsPerFlowPerYear < 1) {
                throw new IllegalArgumentException("rowsPerFlowPerYear must be positive: " + rowsPerFlowPerYear);
            }
        }

        public static Options defaults() {
            return new Options(2023, 2024, 2024L, 6_000);
        }
    }

    /**
     * @param zips      written files, by year then flow (export first)
     * @param totalsEur euro totals summed while writing, keyed {@code E:2024:fr}, {@code E:2024:reg:09},
     *                  {@code I:2023:dep:33}; sorted by key
     */
    public record Result(List<Path> zips, Map<String, Long> totalsEur) {
        public Result {
            zips = List.copyOf(zips);
            totalsEur = Collections.unmodifiableMap(new TreeMap<>(totalsEur));
        }
    }

    private SamplePublication() {
    }

    /** Writes every year and flow of the options into outDir (created if missing), replacing same-named files. */
    public static Result write(Path outDir, Options options) throws IOException {
        Files.createDirectories(outDir);
        SampleTrade trade = new SampleTrade(options.seed());
        Map<String, SampleCalibration> calibrations = new TreeMap<>();
        for (String flow : FLOWS) {
            calibrations.put(flow, new SampleCalibration(flow,
                    trade.rows(flow, SampleCalibration.YEAR, options.rowsPerFlowPerYear())));
        }
        Map<String, byte[]> annexes = AnnexFiles.render();
        List<Path> zips = new ArrayList<>();
        Map<String, Long> totals = new TreeMap<>();
        for (int year = options.firstYear(); year <= options.lastYear(); year++) {
            for (String flow : FLOWS) {
                List<SampleTrade.Row> rows = calibrations.get(flow).apply(trade.rows(flow, year, options.rowsPerFlowPerYear()),
                        year == SampleCalibration.YEAR);
                byte[] data = dataFile(flow, year, rows, totals);
                Path zip = outDir.resolve(zipFileName(year, flow));
                writeZip(zip, year, flow, data, annexes);
                zips.add(zip);
            }
        }
        return new Result(zips, totals);
    }

    /** e.g. {@code 202412_regional_2024_export.zip}: the annual file is the December edition. */
    public static String zipFileName(int year, String flow) {
        return year + "12_regional_" + year + "_" + word(flow) + ".zip";
    }

    /** e.g. {@code Regional-2024-import/}: the folder inside the ZIP that holds data and annexes. */
    public static String folderName(int year, String flow) {
        return "Regional-" + year + "-" + word(flow) + "/";
    }

    /** e.g. {@code Regional-2024-export/Region_2024_Export.txt}. */
    public static String dataEntryName(int year, String flow) {
        String word = word(flow);
        return folderName(year, flow) + "Region_" + year + "_"
                + Character.toUpperCase(word.charAt(0)) + word.substring(1) + ".txt";
    }

    private static String word(String flow) {
        return switch (flow) {
            case "E" -> "export";
            case "I" -> "import";
            default -> throw new IllegalArgumentException("flow must be E or I: " + flow);
        };
    }

    /** {@code Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code Pays;Valeur;Masse}. */
    private static byte[] dataFile(String flow, int year, List<SampleTrade.Row> rows, Map<String, Long> totals) {
        StringBuilder out = new StringBuilder(rows.size() * 48);
        String prefix = flow + ":" + year + ":";
        for (SampleTrade.Row r : rows) {
            SampleNomenclature.Departement dep = SampleNomenclature.DEPARTEMENTS.get(r.dep());
            SampleNomenclature.Product product = SampleNomenclature.PRODUCTS.get(r.product());
            out.append(flow).append(';')
                    .append(r.quarter()).append(';')
                    .append(year).append(';')
                    .append(dep.code()).append(';')
                    .append(dep.regionCode()).append(';')
                    .append(product.a129()).append(';')
                    .append(product.cpf4()).append(';')
                    .append(SampleNomenclature.PARTNERS.get(r.country()).code()).append(';')
                    .append(r.value()).append(';')
                    .append(r.mass()).append("\r\n");
            totals.merge(prefix + "fr", r.value(), Long::sum);
            totals.merge(prefix + "reg:" + dep.regionCode(), r.value(), Long::sum);
            totals.merge(prefix + "dep:" + dep.code(), r.value(), Long::sum);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeZip(Path zip, int year, String flow, byte[] data, Map<String, byte[]> annexes)
            throws IOException {
        // a fixed "publication date" early in the following year, stored as local DOS time only
        LocalDateTime stamp = LocalDateTime.of(year + 1, 2, 14, 9, 0);
        String folder = folderName(year, flow);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip));
             ZipOutputStream out = new ZipOutputStream(file)) {
            putEntry(out, dataEntryName(year, flow), data, stamp);
            for (Map.Entry<String, byte[]> annex : annexes.entrySet()) {
                putEntry(out, folder + annex.getKey(), annex.getValue(), stamp);
            }
        }
    }

    private static void putEntry(ZipOutputStream out, String name, byte[] bytes, LocalDateTime stamp)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(stamp);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }
}
