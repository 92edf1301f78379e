package org.tradewarehouse.warehouse;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Recognises a failure that comes down to the database being out of reach (connection refused, cut, or the server
 * shutting down), so that it is reported as that, in one line, instead of as whichever layer noticed it first.
 */
public final class DatabaseUnreachable {

    private DatabaseUnreachable() {
    }

    /** "the database is unreachable (...)" with the driver's own words on where and why, or empty. */
    public static Optional<String> describe(Throwable failure) {
        SQLException deepest = null;
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && isConnectionLoss(sql.getSQLState())) {
                deepest = sql;
            }
        }
        return Optional.ofNullable(deepest).map(sql -> "the database is unreachable (" + sql.getMessage().strip()
                + "); run the command again once it is back: a load resumes where it stopped");
    }

    /** SQLSTATE class 08 (connection exception) and 57P01-57P03 (server shutting down, cannot connect now). */
    private static boolean isConnectionLoss(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
