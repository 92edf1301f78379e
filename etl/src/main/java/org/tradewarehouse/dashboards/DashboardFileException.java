package org.tradewarehouse.dashboards;

/** A dashboard file that cannot be pushed: the message names the file and what is wrong. */
public class DashboardFileException extends RuntimeException {

    public DashboardFileException(String message) {
        super(message);
    }
}
