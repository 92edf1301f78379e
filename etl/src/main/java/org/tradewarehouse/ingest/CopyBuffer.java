package org.tradewarehouse.ingest;

import java.util.Arrays;

/** The bytes of rows for a PostgreSQL COPY, growing as rows are added; kept across chunks to spare allocations. */
abstract class CopyBuffer {

    protected byte[] buf = new byte[1 << 16];
    protected int len;
    protected int rows;

    int rows() {
        return rows;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    /** Empties the buffer for the next rows, keeping its capacity. */
    void clear() {
        len = 0;
        rows = 0;
    }

    /** Makes room for {@code n} more bytes. */
    protected void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    protected void put(byte b) {
        room(1);
        buf[len++] = b;
    }
}
