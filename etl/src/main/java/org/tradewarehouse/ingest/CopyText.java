package org.tradewarehouse.ingest;

/** Rows in PostgreSQL COPY text format: tab-separated, backslash escapes, \N for null. */
final class CopyText {

    private final StringBuilder out = new StringBuilder(1 << 16);
    private boolean lineStart = true;
    private int rows;

    CopyText field(String value) {
        separate();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append('\uFFFD'); // PostgreSQL text cannot hold NUL
                default -> out.append(c);
            }
        }
        return this;
    }

    CopyText field(long value) {
        separate();
        out.append(value);
        return this;
    }

    CopyText field(Long value) {
        return value == null ? field((String) null) : field(value.longValue());
    }

    CopyText field(char value) {
        separate();
        out.append(value);
        return this;
    }

    CopyText endRow() {
        out.append('\n');
        lineStart = true;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    String text() {
        return out.toString();
    }

    private void separate() {
        if (!lineStart) {
            out.append('\t');
        }
        lineStart = false;
    }
}
