package org.tradewarehouse.ingest;

import java.util.List;

/**
 * Consecutive lines of a publication, the staging step's item: Spring Batch's work per item (listeners, observation
 * scopes) then runs once per thousand lines instead of once per line: it was about a fifth of the Java time of the
 * reading thread in a profile of a full year.
 */
record LineBatch(List<SourceLine> lines) {

    private static final int MAX_LINES = 1000;

    /** Lines per batch for chunks of {@code chunkLines}: a thousand, or fewer when chunks are smaller. */
    static int linesPerBatch(int chunkLines) {
        return Math.max(1, Math.min(MAX_LINES, chunkLines));
    }
}
