package org.tradewarehouse.ingest;

/** Some lines were rejected and the operator did not accept loading the rest: the warehouse stays as it was. */
class RejectedLinesException extends RuntimeException {
    RejectedLinesException(long lines, long euros) {
        super(String.format("%,d line(s) rejected (%s EUR in their value field); the warehouse is unchanged."
                + " Fix the input, or load the valid rows with --accept-rejects", lines, String.format("%,d", euros)));
    }
}
