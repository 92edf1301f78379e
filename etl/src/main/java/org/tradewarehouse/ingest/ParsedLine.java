package org.tradewarehouse.ingest;

/** What a data line became: a row to stage, or a rejected line with its reason. */
sealed interface ParsedLine permits ParsedLine.TradeRow, ParsedLine.Rejected {

    /** One valid row, in the file's field order. */
    record TradeRow(char flow, int quarter, int year, String depCode, String regionCode, String a129, String cpf4,
                    String country, long valueEur, long massKg) implements ParsedLine {
    }

    /** {@code valueEur} is the value field when it could still be read, so rejected euros can be reported. */
    record Rejected(String file, long line, String raw, String reason, Long valueEur) implements ParsedLine {
    }
}
