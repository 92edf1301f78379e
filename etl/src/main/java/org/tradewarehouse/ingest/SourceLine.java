package org.tradewarehouse.ingest;

/**
 * One line of a data file, with where it came from; {@code text} is null when the bytes are not valid UTF-8 or the
 * line is longer than {@link LineInput#MAX_LINE_BYTES} ({@code tooLong}).
 */
public record SourceLine(String file, long number, String text, String rawForReport, boolean tooLong) {
}
