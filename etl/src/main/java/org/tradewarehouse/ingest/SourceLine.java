package org.tradewarehouse.ingest;

/** One line of a data file, with where it came from; {@code text} is null when the bytes are not valid UTF-8. */
public record SourceLine(String file, long number, String text, String rawForReport) {
}
