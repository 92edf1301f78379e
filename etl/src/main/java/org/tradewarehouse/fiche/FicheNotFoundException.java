package org.tradewarehouse.fiche;

/** The territory or the year asked for is not in the warehouse; the message says what is. */
public class FicheNotFoundException extends RuntimeException {

    public enum Missing { TERRITORY, YEAR }

    private final Missing missing;

    public FicheNotFoundException(Missing missing, String message) {
        super(message);
        this.missing = missing;
    }

    public Missing missing() {
        return missing;
    }
}
