package org.tradewarehouse.ingest;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.SQLException;
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

    /** The COPY API of the connection the current transaction runs on. */
    static CopyManager copyApi(DataSource dataSource) throws SQLException {
        return DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class).getCopyAPI();
    }

    /** Sends all the rows in one COPY on the current transaction's connection: the number of rows PostgreSQL took. */
    long copyIn(DataSource dataSource, String copy) throws SQLException {
        CopyIn in = copyApi(dataSource).copyIn(copy);
        in.writeToCopy(buf, 0, len);
        return in.endCopy();
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
