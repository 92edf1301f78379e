package org.tradewarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyBinaryTest {

    @Test
    void headerAndTrailerAreThoseOfPostgresqlBinaryCopy() {
        // "PGCOPY\n\377\r\n\0", then flags and header extension length, both 0; the trailer is a field count of -1
        assertThat(CopyBinary.header()).containsExactly('P', 'G', 'C', 'O', 'P', 'Y', 0x0A, 0xFF - 256, 0x0D, 0x0A, 0,
                0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(CopyBinary.trailer()).containsExactly(0xFF - 256, 0xFF - 256);
    }

    @Test
    void eachFieldIsItsLengthThenItsBigEndianBytes() {
        CopyBinary rows = new CopyBinary().row(5).field(258L).field(-2L).field(20241).field('E').field("87");

        assertThat(bytesOf(rows)).containsExactly(
                0, 5,
                0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 1, 2,
                0, 0, 0, 8, -1, -1, -1, -1, -1, -1, -1, -2,
                0, 0, 0, 4, 0, 0, 0x4F, 0x11,
                0, 0, 0, 1, 'E',
                0, 0, 0, 2, '8', '7');
        assertThat(rows.rows()).isEqualTo(1);
    }

    @Test
    void textIsUtf8AndItsLengthCountsBytes() {
        CopyBinary rows = new CopyBinary().row(3).field("é€").field("").field('é');

        assertThat(bytesOf(rows)).containsExactly(
                0, 3,
                0, 0, 0, 5, 0xC3 - 256, 0xA9 - 256, 0xE2 - 256, 0x82 - 256, 0xAC - 256,
                0, 0, 0, 0,
                0, 0, 0, 2, 0xC3 - 256, 0xA9 - 256);
    }

    @Test
    void growsBeyondTheInitialBufferAndClearsForReuse() {
        CopyBinary rows = new CopyBinary();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        String code = "A".repeat(100);
        for (int i = 0; i < 1_000; i++) {
            rows.row(2).field(i).field(code);
            expected.writeBytes(new byte[]{0, 2, 0, 0, 0, 4, 0, 0, (byte) (i >> 8), (byte) i, 0, 0, 0, 100});
            expected.writeBytes(code.getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(rows.length()).isGreaterThan(1 << 16);
        assertThat(bytesOf(rows)).isEqualTo(expected.toByteArray());

        rows.clear();
        assertThat(rows.rows()).isZero();
        assertThat(bytesOf(rows.row(1).field(1))).containsExactly(0, 1, 0, 0, 0, 4, 0, 0, 0, 1);
    }

    private static byte[] bytesOf(CopyBinary rows) {
        return Arrays.copyOf(rows.bytes(), rows.length());
    }
}
