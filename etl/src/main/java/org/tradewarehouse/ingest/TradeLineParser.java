package org.tradewarehouse.ingest;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks one data line against the regional layout ({@value Publication#EXPECTED_LAYOUT}). A line that breaks it
 * is turned into a rejection with the reason, never dropped. Blank lines carry nothing: the parser returns null for
 * them and the staging step's processor skips them (it is called per line by that processor, not by Spring Batch, so
 * nothing counts them).
 * <p>
 * Runs once per line, millions of times a load: a well-formed line is checked in place and only its codes become
 * strings ({@link CodeStrings}); anything else takes the general path, which trims fields and finds the reason.
 */
class TradeLineParser implements ItemProcessor<SourceLine, ParsedLine> {

    private static final int MAX_CODE_LENGTH = 8;
    /** 18 digits always fit in a bigint; more than that is no customs figure. */
    private static final int MAX_DIGITS = 18;

    private final int[] ends = new int[Publication.EXPECTED_FIELDS];
    private final CodeStrings codes = new CodeStrings();

    @Override
    public ParsedLine process(SourceLine line) {
        if (line.tooLong()) {
            return reject(line, "longer than " + LineInput.MAX_LINE_BYTES + " bytes: not a line of the regional layout", null);
        }
        if (line.text() == null) {
            return reject(line, "not valid UTF-8 text", null);
        }
        String text = line.text();
        ParsedLine.TradeRow row = wellFormedRow(text);
        if (row != null) {
            return row;
        }
        if (text.isBlank()) {
            return null;
        }
        String[] f = split(text);
        if (f.length != Publication.EXPECTED_FIELDS) {
            return reject(line, "expected " + Publication.EXPECTED_FIELDS + " fields separated by ';', found " + f.length,
                    f.length > 8 ? parseAmount(f[8]) : null);
        }
        Long value = parseAmount(f[8]);
        String reason = check(f, value);
        if (reason != null) {
            return reject(line, reason, value);
        }
        return new ParsedLine.TradeRow(f[0].charAt(0), f[1].charAt(0) - '0', Integer.parseInt(f[2]),
                f[3], f[4], f[5], f[6], f[7], value, parseAmount(f[9]));
    }

    /** The row of a line whose fields need no trimming and pass every check; null for any other line. */
    private ParsedLine.TradeRow wellFormedRow(String text) {
        int field = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ';') {
                if (field == ends.length - 1) {
                    return null;
                }
                ends[field++] = i;
            }
        }
        if (field != ends.length - 1) {
            return null;
        }
        ends[field] = text.length();
        char flow = text.charAt(0);
        if (ends[0] != 1 || flow != 'E' && flow != 'I' || ends[1] != 3 || text.charAt(2) < '1' || text.charAt(2) > '4'
                || ends[2] != 8) {
            return null;
        }
        int year = year(text, 4, 8);
        if (year < 0) {
            return null;
        }
        for (int k = 3; k <= 7; k++) {
            if (!isCode(text, ends[k - 1] + 1, ends[k])) {
                return null;
            }
        }
        long value = amount(text, ends[7] + 1, ends[8]);
        long mass = amount(text, ends[8] + 1, ends[9]);
        if (value < 0 || mass < 0) {
            return null;
        }
        return new ParsedLine.TradeRow(flow, text.charAt(2) - '0', year, code(text, 3), code(text, 4), code(text, 5),
                code(text, 6), code(text, 7), value, mass);
    }

    private String code(String text, int field) {
        return codes.of(text, ends[field - 1] + 1, ends[field]);
    }

    private static boolean isCode(String s, int from, int to) {
        return to > from && to - from <= MAX_CODE_LENGTH && hasCodeCharactersOnly(s, from, to);
    }

    /** Codes are digits and capital letters, nothing else. */
    private static boolean hasCodeCharactersOnly(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative whole number of at most 18 digits between {@code from} and {@code to}, else -1. */
    private static long amount(String s, int from, int to) {
        if (to == from || to - from > MAX_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String check(String[] f, Long value) {
        if (!f[0].equals("E") && !f[0].equals("I")) {
            return "flow (Flux) must be E or I, found '" + f[0] + "'";
        }
        if (f[1].length() != 1 || f[1].charAt(0) < '1' || f[1].charAt(0) > '4') {
            return "quarter (Trimestre) must be 1 to 4, found '" + f[1] + "'";
        }
        if (year(f[2], 0, f[2].length()) < 0) {
            return "year (Année) must be a four-digit year, found '" + f[2] + "'";
        }
        String[] names = {"département code", "région code", "A129 code", "CPF4 code", "country code"};
        for (int i = 3; i <= 7; i++) {
            String problem = codeProblem(f[i]);
            if (problem != null) {
                return names[i - 3] + " " + problem;
            }
        }
        if (value == null) {
            return "value (Valeur) must be a whole number of euros, 0 or more, found '" + f[8] + "'";
        }
        if (parseAmount(f[9]) == null) {
            return "mass (Masse) must be a whole number of kilograms, 0 or more, found '" + f[9] + "'";
        }
        return null;
    }

    private static String codeProblem(String code) {
        if (code.isEmpty()) {
            return "is empty";
        }
        if (code.length() > MAX_CODE_LENGTH) {
            return "is too long: '" + code + "'";
        }
        if (!hasCodeCharactersOnly(code, 0, code.length())) {
            return "has an unexpected character: '" + code + "'";
        }
        return null;
    }

    /** A four-digit year from 1900 to 2999 between {@code from} and {@code to}, else -1. */
    private static int year(String s, int from, int to) {
        long year = to - from == 4 ? amount(s, from, to) : -1;
        return year >= 1900 && year <= 2999 ? (int) year : -1;
    }

    /** A non-negative whole number, or null. */
    static Long parseAmount(String s) {
        long v = amount(s, 0, s.length());
        return v < 0 ? null : v;
    }

    /** Splits on ';' and trims each field; no quoting in data files. */
    private static String[] split(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ';') {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int k = 0; k < count; k++) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            fields[k] = text.substring(start, end).strip();
            start = end + 1;
        }
        return fields;
    }

    private static ParsedLine reject(SourceLine line, String reason, Long value) {
        return new ParsedLine.Rejected(line.file(), line.number(), line.rawForReport(), reason, value);
    }
}
