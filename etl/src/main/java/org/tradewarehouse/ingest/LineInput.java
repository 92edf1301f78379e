package org.tradewarehouse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines as bytes, so that a line that is not UTF-8 is reported on its own instead of failing the file.
 * Accepts LF and CRLF (and both mixed); drops a leading UTF-8 BOM. Counts bytes for progress. Keeps at most
 * {@value #MAX_LINE_BYTES} bytes of a line, so a file without line breaks (binary, or a ZIP bomb) cannot fill memory.
 */
final class LineInput implements AutoCloseable {

    /** A regional line is under 60 bytes; anything this long is not one, and only its start is worth reporting. */
    static final int MAX_LINE_BYTES = 4096;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineIsAscii;
    private boolean lineTooLong;
    private long bytesRead;
    private boolean first = true;

    LineInput(InputStream in) {
        this.in = in;
    }

    /** Reads the next line into this reader; false at the end of the input. */
    boolean next() throws IOException {
        lineLength = 0;
        lineIsAscii = true;
        lineTooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return finish(any);
                }
                bytesRead += limit;
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                if (buffer[pos] < 0) {
                    lineIsAscii = false;
                }
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++; // the '\n'
                return finish(true);
            }
        }
    }

    private boolean finish(boolean any) {
        if (!any) {
            return false;
        }
        if (lineLength > 0 && line[lineLength - 1] == '\r' && !lineTooLong) {
            lineLength--;
        }
        if (lineLength > MAX_LINE_BYTES) {
            lineTooLong = true;
            lineLength = MAX_LINE_BYTES;
        }
        if (first) {
            first = false;
            if (lineLength >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                System.arraycopy(line, 3, line, 0, lineLength - 3);
                lineLength -= 3;
                lineIsAscii = isAscii();
            }
        }
        return true;
    }

    private boolean isAscii() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void append(int start, int length) {
        if (lineLength + length > MAX_LINE_BYTES + 1) { // + 1: room for the CR of a line exactly at the limit
            lineTooLong = true;
            length = MAX_LINE_BYTES + 1 - lineLength;
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    /** The line as text, or null when it is not valid UTF-8 or longer than {@value #MAX_LINE_BYTES} bytes. */
    String text() {
        if (lineTooLong) {
            return null;
        }
        if (lineIsAscii) {
            return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    boolean tooLong() {
        return lineTooLong;
    }

    /** The line (its first {@value #MAX_LINE_BYTES} bytes) with bad bytes replaced, to show in a report. */
    String lenientText() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
