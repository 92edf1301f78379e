package org.tradewarehouse.ingest;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Checks one data line against the regional layout ({@value Publication#EXPECTED_LAYOUT}). A line that breaks it
 * is turned into a rejection with the reason, never dropped. Blank lines carry nothing and are filtered out
 * (Spring Batch counts them as filtered).
 */
class TradeLineParser implements ItemProcessor<SourceLine, ParsedLine> {

    private static final int MAX_CODE_LENGTH = 8;
    /** 18 digits always fit in a bigint; more than that is no customs figure. */
    private static final int MAX_DIGITS = 18;

    @Override
    public ParsedLine process(SourceLine line) {
        if (line.text() == null) {
            return reject(line, "not valid UTF-8 text", null);
        }
        String text = line.text();
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

    private static String check(String[] f, Long value) {
        if (!f[0].equals("E") && !f[0].equals("I")) {
            return "flow (Flux) must be E or I, found '" + f[0] + "'";
        }
        if (f[1].length() != 1 || f[1].charAt(0) < '1' || f[1].charAt(0) > '4') {
            return "quarter (Trimestre) must be 1 to 4, found '" + f[1] + "'";
        }
        if (!isYear(f[2])) {
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
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return "has an unexpected character: '" + code + "'";
            }
        }
        return null;
    }

    private static boolean isYear(String s) {
        if (s.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int year = Integer.parseInt(s);
        return year >= 1900 && year <= 2999;
    }

    /** A non-negative whole number, or null. */
    static Long parseAmount(String s) {
        if (s.isEmpty() || s.length() > MAX_DIGITS) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
