package org.tradewarehouse.nomenclature;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the label annexes that the customs (DGDDI) ship inside each publication ZIP.
 * The project reads them from the publication it loads, so their quirks are handled here:
 * Windows-1252 or UTF-8 (with or without BOM), CRLF, quoted labels, codes repeated with
 * different validity periods.
 */
public final class AnnexFile {

    /** One line of Libelle_CPF4, Libelle_A129 or Libelle_PAYS; periods are AAAAMM ints, validTo 999912 = still valid. */
    public record Label(String code, String label, int validFrom, int validTo) {
    }

    /** One line of Departement_region; codes are the DGDDI's own (e.g. région 09, département 9A). */
    public record DepartementLabel(String code, String name, String regionCode, String regionName) {
    }

    /** The annexes this project reads, recognised by the customs' file names. */
    public enum Kind {
        CPF4("libelle_cpf4"),
        A129("libelle_a129"),
        PAYS("libelle_pays"),
        DEPARTEMENT_REGION("departement_region");

        private final String namePrefix;

        Kind(String namePrefix) {
            this.namePrefix = namePrefix;
        }

        /** Case-insensitive; ignores any folder part, as names come from ZIP entries like {@code Regional-2024-export/Libelle_PAYS.txt}. */
        public static Optional<Kind> ofFileName(String name) {
            String baseName = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                    .toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (baseName.startsWith(kind.namePrefix)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    private AnnexFile() {
    }

    /** Reads a {@code Code;Libellé;Début AAAAMM;Fin AAAAMM} annex (CPF4, A129, PAYS). */
    public static List<Label> readLabels(InputStream in, String fileName) {
        List<Label> labels = new ArrayList<>();
        for (DelimitedText.Line line : DelimitedText.read(in, fileName)) {
            List<String> f = line.fields();
            if (f.size() != 4) {
                throw fieldCount(fileName, line, "4");
            }
            String code = requireCode(f.get(0), fileName, line);
            int from = period(f.get(2), "Début AAAAMM", fileName, line);
            int to = period(f.get(3), "Fin AAAAMM", fileName, line);
            if (from > to) {
                throw new AnnexFormatException(fileName, line.number(),
                        "Début AAAAMM " + from + " is after Fin AAAAMM " + to);
            }
            labels.add(new Label(code, f.get(1).trim(), from, to));
        }
        return labels;
    }

    /**
     * Reads Departement_region. The real file has 4 fields; the customs' readme announces 6
     * (with validity dates), so a 6-field line is accepted and its dates ignored.
     */
    public static List<DepartementLabel> readDepartements(InputStream in, String fileName) {
        List<DepartementLabel> departements = new ArrayList<>();
        for (DelimitedText.Line line : DelimitedText.read(in, fileName)) {
            List<String> f = line.fields();
            if (f.size() != 4 && f.size() != 6) {
                throw fieldCount(fileName, line, "4 (or 6)");
            }
            departements.add(new DepartementLabel(requireCode(f.get(0), fileName, line), f.get(1).trim(),
                    requireCode(f.get(2), fileName, line), f.get(3).trim()));
        }
        return departements;
    }

    private static String requireCode(String raw, String fileName, DelimitedText.Line line) {
        String code = raw.trim();
        if (code.isEmpty()) {
            throw new AnnexFormatException(fileName, line.number(), "empty code");
        }
        return code;
    }

    private static int period(String raw, String what, String fileName, DelimitedText.Line line) {
        String value = raw.trim();
        if (!value.matches("\\d{6}")) {
            throw new AnnexFormatException(fileName, line.number(),
                    what + " is not a 6-digit AAAAMM period: '" + value + "'");
        }
        int month = Integer.parseInt(value.substring(4));
        if (month < 1 || month > 12) {
            throw new AnnexFormatException(fileName, line.number(),
                    what + " has no month " + value.substring(4) + ": '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static AnnexFormatException fieldCount(String fileName, DelimitedText.Line line, String expected) {
        return new AnnexFormatException(fileName, line.number(),
                "expected " + expected + " fields separated by ';', found " + line.fields().size());
    }
}
