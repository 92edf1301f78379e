package org.tradewarehouse.nomenclature;

/**
 * A line of an annex (or of the project's own nomenclature resource) that cannot be read.
 * Unchecked: a bad annex is bad input that stops the load, never a case callers recover from line by line.
 */
public class AnnexFormatException extends RuntimeException {

    public AnnexFormatException(String fileName, int lineNumber, String reason) {
        super(fileName + " line " + lineNumber + ": " + reason);
    }
}
