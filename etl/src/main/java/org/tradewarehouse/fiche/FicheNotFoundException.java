package org.tradewarehouse.fiche;

/** The territory or the year asked for is not in the warehouse; the message says what is. */
public class FicheNotFoundException extends RuntimeException {
    public FicheNotFoundException(String message) {
        super(message);
    }
}
