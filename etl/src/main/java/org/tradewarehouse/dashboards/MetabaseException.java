package org.tradewarehouse.dashboards;

/** Metabase could not be reached or refused a request; the message says which and why. */
public class MetabaseException extends RuntimeException {

    public MetabaseException(String message) {
        super(message);
    }
}
