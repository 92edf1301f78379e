package org.tradewarehouse.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's binary COPY format: numbers go as their 4 or 8 bytes, with no digits to write on this side
 * nor to parse on the server's, text as its bytes with its length; nothing to escape. A COPY's data is
 * {@link #header()}, the rows, then {@link #trailer()}.
 */
final class CopyBinary extends CopyBuffer {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0}; // no header extension
    private static final byte[] TRAILER = {-1, -1};

    static byte[] header() {
        return HEADER.clone();
    }

    static byte[] trailer() {
        return TRAILER.clone();
    }

    /** Starts a row of {@code fields} fields, to be given in the table's column order. */
    CopyBinary row(int fields) {
        room(2);
        putShort(fields);
        rows++;
        return this;
    }

    /** A bigint. */
    CopyBinary field(long value) {
        room(12);
        putInt(8);
        putInt((int) (value >>> 32));
        putInt((int) value);
        return this;
    }

    /** An integer. */
    CopyBinary field(int value) {
        room(8);
        putInt(4);
        putInt(value);
        return this;
    }

    /** Text (or char(n)), as UTF-8. */
    CopyBinary field(String value) {
        int n = value.length();
        room(4 + n);
        int lengthAt = len;
        len += 4;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) { // not the ASCII of codes: write it all as UTF-8 instead
                len = lengthAt;
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                room(4 + utf8.length);
                putInt(utf8.length);
                System.arraycopy(utf8, 0, buf, len, utf8.length);
                len += utf8.length;
                return this;
            }
            buf[len++] = (byte) c;
        }
        int end = len;
        len = lengthAt;
        putInt(n);
        len = end;
        return this;
    }

    /** A one-character text, e.g. a char(1) code. */
    CopyBinary field(char value) {
        if (value >= 0x80) {
            return field(String.valueOf(value));
        }
        room(5);
        putInt(1);
        buf[len++] = (byte) value;
        return this;
    }

    private void putShort(int v) {
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }
}
