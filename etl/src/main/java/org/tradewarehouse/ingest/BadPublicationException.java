package org.tradewarehouse.ingest;

/** An input that cannot be loaded at all (not a ZIP, no data file, another format...); its message is one line for the user. */
public class BadPublicationException extends RuntimeException {
    public BadPublicationException(String message) {
        super(message);
    }

    public BadPublicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
