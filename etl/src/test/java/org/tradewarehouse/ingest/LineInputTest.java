package org.tradewarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LineInputTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int BUFFER = 1 << 16;

    @Test
    void mixedCrlfAndLfAndFinalLineWithoutNewline() throws IOException {
        assertThat(lines(Bytes.utf8("a;1\r\nb;2\nc;3\r\nd;4"))).containsExactly("a;1", "b;2", "c;3", "d;4");
    }

    @Test
    void finalNewlineDoesNotMakeAnExtraLine() throws IOException {
        assertThat(lines(Bytes.utf8("a\nb\n"))).containsExactly("a", "b");
        assertThat(lines(Bytes.utf8("a\r\nb\r\n"))).containsExactly("a", "b");
    }

    @Test
    void emptyLinesAreKeptAsEmptyLines() throws IOException {
        assertThat(lines(Bytes.utf8("\na\n\r\n\nb\n\n"))).containsExactly("", "a", "", "", "b", "");
        assertThat(lines(Bytes.utf8("\r\n"))).containsExactly("");
        assertThat(lines(Bytes.utf8("  \n"))).containsExactly("  ");
    }

    @Test
    void emptyInputHasNoLine() throws IOException {
        try (LineInput in = input(new byte[0])) {
            assertThat(in.next()).isFalse();
            assertThat(in.next()).isFalse();
            assertThat(in.bytesRead()).isZero();
        }
    }

    @Test
    void onlyOneTrailingCarriageReturnIsALineEnd() throws IOException {
        // a CR inside the line is data; only the CR right before LF (or at the end of input) is dropped
        assertThat(lines(Bytes.utf8("a\rb\r\nc\r\r\nd\r"))).containsExactly("a\rb", "c\r", "d");
    }

    @Test
    void bomIsStrippedOnlyAtTheStart() throws IOException {
        byte[] bytes = Bytes.concat(BOM, Bytes.utf8("E;1\r\n"), BOM, Bytes.utf8("E;2\n"));

        assertThat(lines(bytes)).containsExactly("E;1", "\uFEFFE;2");
    }

    @Test
    void bomOnTheFirstLineOfNonAsciiTextIsStripped() throws IOException {
        assertThat(lines(Bytes.concat(BOM, Bytes.utf8("Île\nÉté")))).containsExactly("Île", "Été");
    }

    @Test
    void bomAloneGivesOneEmptyLine() throws IOException {
        assertThat(lines(BOM)).containsExactly("");
        assertThat(lines(Bytes.concat(BOM, Bytes.utf8("\r\nx")))).containsExactly("", "x");
    }

    @Test
    void bomNotAtTheVeryStartIsKept() throws IOException {
        // a space before the BOM: it is not a BOM of the file
        assertThat(lines(Bytes.concat(Bytes.utf8(" "), BOM, Bytes.utf8("x")))).containsExactly(" \uFEFFx");
    }

    @Test
    void invalidUtf8LineHasNullTextButLenientText() throws IOException {
        // 0xE9 is 'é' in Latin-1 / Windows-1252, not valid UTF-8 alone
        byte[] bytes = Bytes.concat(Bytes.utf8("ok;1\n"), new byte[] {'b', 'a', 'd', (byte) 0xE9, ';', '2', '\n'}, Bytes.utf8("été;3"));

        try (LineInput in = input(bytes)) {
            assertThat(in.next()).isTrue();
            assertThat(in.text()).isEqualTo("ok;1");

            assertThat(in.next()).isTrue();
            assertThat(in.text()).isNull();
            assertThat(in.lenientText()).isEqualTo("bad\uFFFD;2");

            assertThat(in.next()).isTrue();
            assertThat(in.text()).isEqualTo("été;3");
            assertThat(in.lenientText()).isEqualTo("été;3");

            assertThat(in.next()).isFalse();
        }
    }

    @Test
    void otherInvalidUtf8SequencesGiveNullText() throws IOException {
        byte[][] bad = {
                {(byte) 0xC3},                           // truncated two-byte sequence
                {(byte) 0xC0, (byte) 0xAF},              // overlong '/'
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate
                {(byte) 0x80},                           // lone continuation byte
                {(byte) 0xFF},
        };
        for (byte[] b : bad) {
            try (LineInput in = input(Bytes.concat(Bytes.utf8("x"), b, Bytes.utf8("y\n")))) {
                assertThat(in.next()).isTrue();
                assertThat(in.text()).as("bytes %s", Arrays.toString(b)).isNull();
                assertThat(in.lenientText()).isNotNull().startsWith("x").endsWith("y").contains("\uFFFD");
            }
        }
    }

    @Test
    void invalidUtf8RightAfterTheBomIsStillReported() throws IOException {
        try (LineInput in = input(Bytes.concat(BOM, new byte[] {'a', (byte) 0xE9}))) {
            assertThat(in.next()).isTrue();
            assertThat(in.text()).isNull();
            assertThat(in.lenientText()).isEqualTo("a\uFFFD");
        }
    }

    @Test
    void aLineLongerThanTheLimitKeepsOnlyItsStartAndTheNextLinesAreReadWhole() throws IOException {
        String endless = "L".repeat(3 * BUFFER + 17); // across several buffers, as a file without line breaks
        try (LineInput in = input(Bytes.utf8("a\n" + endless + "\r\n" + "é".repeat(LineInput.MAX_LINE_BYTES) + "\nz"))) {
            assertThat(in.next()).isTrue();
            assertThat(in.tooLong()).isFalse();
            assertThat(in.next()).isTrue();
            assertThat(in.tooLong()).isTrue();
            assertThat(in.text()).isNull();
            assertThat(in.lenientText()).isEqualTo("L".repeat(LineInput.MAX_LINE_BYTES));
            assertThat(in.next()).isTrue();
            assertThat(in.tooLong()).isTrue(); // 8 KiB of two-byte characters
            assertThat(in.next()).isTrue();
            assertThat(in.tooLong()).isFalse();
            assertThat(in.text()).isEqualTo("z");
            assertThat(in.next()).isFalse();
        }
    }

    @Test
    void linesUpToTheLimitAreReadWhole() throws IOException {
        String longest = "L".repeat(LineInput.MAX_LINE_BYTES - 1) + "M";
        assertThat(lines(Bytes.utf8("a\n" + longest + "\r\nz"))).containsExactly("a", longest, "z");
    }

    @Test
    void crlfAndMultiByteCharacterSplitAcrossBufferBoundary() throws IOException {
        // short lines up to the CR, the last byte of the first 64 KiB buffer; the LF is the first of the next
        String filler = ("x".repeat(99) + "\n").repeat(BUFFER / 100);
        String first = "x".repeat(BUFFER - 1 - filler.length());
        // then a 'é' whose two bytes straddle the second boundary
        String filler2 = ("y".repeat(99) + "\n").repeat((BUFFER - 100) / 100);
        String second = "y".repeat(2 * BUFFER - 1 - (BUFFER + 1) - filler2.length()) + "é" + "z";

        List<String> read = lines(Bytes.utf8(filler + first + "\r\n" + filler2 + second + "\n"));

        assertThat(read.get(BUFFER / 100)).isEqualTo(first);
        assertThat(read.get(read.size() - 1)).isEqualTo(second);
        assertThat(read).hasSize(BUFFER / 100 + 1 + (BUFFER - 100) / 100 + 1);
    }

    @Test
    void streamThatReturnsFewBytesPerRead() throws IOException {
        byte[] bytes = Bytes.concat(BOM, Bytes.utf8("E;1\r\n\nÉté;2\r\nlast"));
        List<String> read = new ArrayList<>();
        try (LineInput in = new LineInput(new TrickleInputStream(bytes, 2))) {
            while (in.next()) {
                read.add(in.text());
            }
            assertThat(in.bytesRead()).isEqualTo(bytes.length);
        }
        assertThat(read).containsExactly("E;1", "", "Été;2", "last");
    }

    @Test
    void bytesReadCountsEveryByteOfTheInputIncludingBomAndLineEnds() throws IOException {
        byte[] bytes = Bytes.concat(BOM, Bytes.utf8("E;1\r\nI;2\n"));
        try (LineInput in = input(bytes)) {
            assertThat(in.bytesRead()).isZero();
            assertThat(in.next()).isTrue();
            // one buffer fill read everything
            assertThat(in.bytesRead()).isEqualTo(bytes.length);
            assertThat(in.next()).isTrue();
            assertThat(in.next()).isFalse();
            assertThat(in.bytesRead()).isEqualTo(bytes.length).isEqualTo(3 + 5 + 4);
        }
    }

    @Test
    void bytesReadGrowsBufferByBuffer() throws IOException {
        byte[] bytes = Bytes.utf8("a\n" + "b".repeat(BUFFER) + "\n" + "c".repeat(BUFFER) + "\n");
        try (LineInput in = input(bytes)) {
            assertThat(in.next()).isTrue();
            assertThat(in.bytesRead()).isEqualTo(BUFFER);
            assertThat(in.next()).isTrue();
            assertThat(in.bytesRead()).isEqualTo(2L * BUFFER);
            assertThat(in.next()).isTrue();
            assertThat(in.next()).isFalse();
            assertThat(in.bytesRead()).isEqualTo(bytes.length);
        }
    }

    @Test
    void closeClosesTheStream() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stream = new ByteArrayInputStream(Bytes.utf8("a")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        new LineInput(stream).close();
        assertThat(closed).isTrue();
    }

    private static List<String> lines(byte[] bytes) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineInput in = input(bytes)) {
            while (in.next()) {
                assertThat(in.text()).isEqualTo(in.lenientText());
                lines.add(in.text());
            }
        }
        return lines;
    }

    private static LineInput input(byte[] bytes) {
        return new LineInput(new ByteArrayInputStream(bytes));
    }


    /** Hands out at most {@code max} bytes per read, like a slow network or an inflater. */
    private static final class TrickleInputStream extends FilterInputStream {
        private final int max;

        TrickleInputStream(byte[] bytes, int max) {
            super(new ByteArrayInputStream(bytes));
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, max));
        }
    }
}
