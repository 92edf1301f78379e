package org.tradewarehouse.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL COPY text format, built straight as UTF-8 bytes: tab-separated, backslash escapes, \N for
 * null. Used for rejected lines, whose raw text may hold anything; valid rows go in {@link CopyBinary}.
 */
final class CopyText extends CopyBuffer {

    private boolean lineStart = true;

    CopyText field(String value) {
        separate();
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                putEscaped(value.substring(i));
                return this;
            }
            putAscii(c);
        }
        return this;
    }

    private void putEscaped(String rest) {
        for (byte b : rest.replace("\0", "\uFFFD").getBytes(StandardCharsets.UTF_8)) { // PostgreSQL text cannot hold NUL
            if (b >= 0) {
                putAscii((char) b);
            } else {
                put(b);
            }
        }
    }

    private void putAscii(char c) {
        switch (c) {
            case '\\' -> {
                put((byte) '\\');
                put((byte) '\\');
            }
            case '\t' -> {
                put((byte) '\\');
                put((byte) 't');
            }
            case '\n' -> {
                put((byte) '\\');
                put((byte) 'n');
            }
            case '\r' -> {
                put((byte) '\\');
                put((byte) 'r');
            }
            case '\0' -> putEscaped("\0");
            default -> put((byte) c);
        }
    }

    CopyText field(long value) {
        if (value == Long.MIN_VALUE) {
            return field(Long.toString(value)); // cannot be negated
        }
        separate();
        if (value == 0) {
            put((byte) '0');
            return this;
        }
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int start = len;
        while (value > 0) {
            put((byte) ('0' + value % 10));
            value /= 10;
        }
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    CopyText field(Long value) {
        if (value == null) {
            return field((String) null);
        }
        return field(value.longValue());
    }

    CopyText endRow() {
        put((byte) '\n');
        lineStart = true;
        rows++;
        return this;
    }

    private void separate() {
        if (!lineStart) {
            put((byte) '\t');
        }
        lineStart = false;
    }
}
