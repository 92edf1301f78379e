package org.tradewarehouse.ingest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One load at a time per database, across processes and machines: a PostgreSQL session-level advisory lock held
 * on its own connection for the whole load. It is released by PostgreSQL itself if the process dies.
 */
public final class LoadLock implements AutoCloseable {

    /** Arbitrary, fixed: the number every trade-warehouse load locks. */
    static final long LOAD_LOCK_KEY = 0x7472616465L; // "trade"

    private final Connection connection;
    private final long key;

    private LoadLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock, or empty when another load holds it. */
    static java.util.Optional<LoadLock> tryAcquire(DataSource dataSource) throws SQLException {
        return tryAcquire(dataSource, LOAD_LOCK_KEY);
    }

    /** The advisory lock of the given key, or empty when another session holds it. */
    public static java.util.Optional<LoadLock> tryAcquire(DataSource dataSource, long key) throws SQLException {
        Connection c = dataSource.getConnection();
        try (var st = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            st.setLong(1, key);
            try (var rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return java.util.Optional.of(new LoadLock(c, key));
                }
            }
        }
        c.close();
        return java.util.Optional.empty();
    }

    @Override
    public void close() throws SQLException {
        try (var st = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            st.setLong(1, key);
            st.execute();
        } finally {
            connection.close();
        }
    }
}
