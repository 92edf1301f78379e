package org.tradewarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void rowMixingEscapesNullLongsAndNonAscii() {
        CopyText text = new CopyText()
                .field("a\\b\tc\nd\re")
                .field((String) null)
                .field(0L)
                .field(-42L)
                .field(Long.MAX_VALUE)
                .field("Crème brûlée")
                .field("x\0y")
                .field("é\0\\\t\n")
                .field("")
                .endRow();

        assertThat(bytesOf(text)).isEqualTo(utf8(
                "a\\\\b\\tc\\nd\\re"
                        + "\t\\N"
                        + "\t0"
                        + "\t-42"
                        + "\t9223372036854775807"
                        + "\tCrème brûlée"
                        + "\tx\uFFFDy"
                        + "\té\uFFFD\\\\\\t\\n"
                        + "\t"
                        + "\n"));
        assertThat(text.rows()).isEqualTo(1);
    }

    @Test
    void nonAsciiIsWrittenAsUtf8Bytes() {
        CopyText text = new CopyText().field("é").field("€").field("𝄞").endRow();

        assertThat(bytesOf(text)).containsExactly(
                0xC3 - 256, 0xA9 - 256, '\t',
                0xE2 - 256, 0x82 - 256, 0xAC - 256, '\t',
                0xF0 - 256, 0x9D - 256, 0x84 - 256, 0x9E - 256, '\n');
    }

    @Test
    void nulIsReplacedByTheReplacementCharacterInAsciiAndNonAsciiText() {
        CopyText text = new CopyText().field("\0").field("a\0b").field("é\0").endRow();

        assertThat(bytesOf(text)).isEqualTo(utf8("\uFFFD\ta\uFFFDb\té\uFFFD\n"));
    }

    @Test
    void escapesAfterANonAsciiCharacterAreStillApplied() {
        // once a non-ASCII character is met the rest of the string goes through the UTF-8 path
        CopyText text = new CopyText().field("Île\\de\tFrance\r\n").endRow();

        assertThat(bytesOf(text)).isEqualTo(utf8("Île\\\\de\\tFrance\\r\\n\n"));
    }

    @Test
    void nullAndBoxedLongs() {
        CopyText text = new CopyText().field((Long) null).field(Long.valueOf(7)).field(123).endRow();

        assertThat(bytesOf(text)).isEqualTo(utf8("\\N\t7\t123\n"));
    }

    @Test
    void longsAroundPowersOfTen() {
        CopyText text = new CopyText().field(1L).field(9L).field(10L).field(100L).field(-1L).field(-10L)
                .field(999_999_999_999_999_999L).field(-Long.MAX_VALUE).endRow();

        assertThat(bytesOf(text)).isEqualTo(
                utf8("1\t9\t10\t100\t-1\t-10\t999999999999999999\t-9223372036854775807\n"));
    }

    @Test
    void rowsAreCountedAndEachStartsWithoutSeparator() {
        CopyText text = new CopyText();
        assertThat(text.rows()).isZero();
        assertThat(text.length()).isZero();

        text.field(1L).field("a").endRow();
        text.field(2L).field((String) null).endRow();
        text.field("").endRow();

        assertThat(text.rows()).isEqualTo(3);
        assertThat(bytesOf(text)).isEqualTo(utf8("1\ta\n2\t\\N\n\n"));
    }

    @Test
    void growsBeyondTheInitialBuffer() {
        CopyText text = new CopyText();
        StringBuilder expected = new StringBuilder();
        String value = "é\t".repeat(50); // 150 bytes once escaped
        for (int i = 0; i < 2_000; i++) {
            text.field(i).field(value).endRow();
            expected.append(i).append('\t').append("é\\t".repeat(50)).append('\n');
        }

        assertThat(text.rows()).isEqualTo(2_000);
        assertThat(text.length()).isGreaterThan(1 << 16);
        assertThat(bytesOf(text)).isEqualTo(utf8(expected.toString()));
    }

    // -Long.MIN_VALUE overflows: it must not go through the digit loop.
    @Test
    void longMinValueIsWrittenInFull() {
        CopyText text = new CopyText().field(Long.MIN_VALUE).endRow();

        assertThat(new String(bytesOf(text), StandardCharsets.UTF_8)).isEqualTo("-9223372036854775808\n");
    }

    private static byte[] bytesOf(CopyText text) {
        return Arrays.copyOf(text.bytes(), text.length());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
