package org.tradewarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

class PublicationReaderTest {

    private static final String EXPORT_ZIP = "202412_regional_2024_export.zip";
    private static final String EXPORT_ENTRY = "Regional-2024-export/Region_2024_Export.txt";
    private static final String EXPORT_NAME = EXPORT_ZIP + "!" + EXPORT_ENTRY;
    private static final String IMPORT_NAME = "Region_2024_Import.txt";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private List<DataEntry> entries;
    /** Every line of both entries, in reading order. */
    private List<SourceLine> all;

    @BeforeEach
    void twoEntries() throws IOException {
        byte[] export = Bytes.concat(BOM,
                Bytes.utf8("E;1;2024;87;09;C21Z;2120;BE;100;10\r\n"),
                Bytes.utf8("\r\n"),
                Bytes.utf8("E;2;2024;87;09;C21Z;2120;BE;"), new byte[] {'2', (byte) 0xE9, '0'}, Bytes.utf8(";20\r\n"),
                Bytes.utf8("E;3;2024;9A;24;A01Z;0111;QU;300;30")); // no final line end
        Map<String, byte[]> zipEntries = new LinkedHashMap<>();
        zipEntries.put(EXPORT_ENTRY, export);
        zipEntries.put("Regional-2024-export/Libelle_PAYS.txt", Bytes.utf8("BE;Belgique;199301;999912\r\n"));
        Path zip = Files.write(dir.resolve(EXPORT_ZIP), zipBytes(zipEntries));
        Path bare = Files.writeString(dir.resolve(IMPORT_NAME),
                "I;1;2024;75;11;D35B;3522;RU;400;40\n"
                        + "I;2;2024;75;11;D35B;3522;NO;500;50\n"
                        + "I;3;2024;75;11;D35B;3522;DZ;600;60\n");
        entries = Publication.inspect(List.of(zip, bare)).dataEntries();

        all = List.of(
                line(EXPORT_NAME, 1, "E;1;2024;87;09;C21Z;2120;BE;100;10"),
                line(EXPORT_NAME, 2, ""),
                new SourceLine(EXPORT_NAME, 3, null, "E;2;2024;87;09;C21Z;2120;BE;2\uFFFD0;20", false),
                line(EXPORT_NAME, 4, "E;3;2024;9A;24;A01Z;0111;QU;300;30"),
                line(IMPORT_NAME, 1, "I;1;2024;75;11;D35B;3522;RU;400;40"),
                line(IMPORT_NAME, 2, "I;2;2024;75;11;D35B;3522;NO;500;50"),
                line(IMPORT_NAME, 3, "I;3;2024;75;11;D35B;3522;DZ;600;60"));
    }

    @Test
    void readsEveryLineOfBothEntriesInOrder() {
        PublicationReader reader = reader();
        reader.open(new ExecutionContext());
        try {
            assertThat(readAll(reader)).containsExactlyElementsOf(all);
            assertThat(reader.read()).isNull();
        } finally {
            reader.close();
        }
    }

    @Test
    void savesTheFileIndexAndTheLineOfTheLastLineRead() {
        PublicationReader reader = reader();
        ExecutionContext context = new ExecutionContext();
        reader.open(context);
        try {
            reader.update(context);
            assertThat(position(context)).containsExactly(0, 0L);

            read(reader, 2);
            reader.update(context);
            assertThat(position(context)).containsExactly(0, 2L);

            read(reader, 2); // the last line of the ZIP entry
            reader.update(context);
            assertThat(position(context)).containsExactly(0, 4L);

            read(reader, 1); // the first line of the bare file
            reader.update(context);
            assertThat(position(context)).containsExactly(1, 1L);
        } finally {
            reader.close();
        }
    }

    @Test
    void restartResumesRightAfterTheSavedLineWhereverItWasSaved() {
        for (int before = 0; before <= all.size(); before++) {
            ExecutionContext context = new ExecutionContext();
            PublicationReader first = reader();
            first.open(context);
            try {
                assertThat(read(first, before)).containsExactlyElementsOf(all.subList(0, before));
                first.update(context);
            } finally {
                first.close();
            }

            PublicationReader restarted = reader();
            ExecutionContext saved = new ExecutionContext(context);
            restarted.open(saved);
            try {
                // the position is kept as is until something new is read
                restarted.update(saved);
                assertThat(position(saved)).as("after %d lines", before).isEqualTo(position(context));

                assertThat(readAll(restarted)).as("resumed after %d lines", before)
                        .containsExactlyElementsOf(all.subList(before, all.size()));
            } finally {
                restarted.close();
            }
        }
    }

    @Test
    void restartInTheSecondFileFromAHandWrittenContext() {
        ExecutionContext context = new ExecutionContext();
        context.putInt("reader.file", 1);
        context.putLong("reader.line", 2L);
        PublicationReader reader = reader();
        reader.open(context);
        try {
            assertThat(readAll(reader)).containsExactly(line(IMPORT_NAME, 3, "I;3;2024;75;11;D35B;3522;DZ;600;60"));
        } finally {
            reader.close();
        }
    }

    @Test
    void restartAfterTheEndReadsNothing() {
        ExecutionContext context = new ExecutionContext();
        context.putInt("reader.file", 2);
        context.putLong("reader.line", 3L);
        PublicationReader reader = reader();
        reader.open(context);
        try {
            assertThat(reader.read()).isNull();
        } finally {
            reader.close();
        }
    }

    @Test
    void zipEntryCorruptedMidStreamFailsNamingTheFileAndLine() throws IOException {
        Random random = new Random(20241231);
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < 4_000; i++) { // about 180 KB: several 64 KiB reads succeed before the damage
            good.append(row(random, i));
        }
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            rest.append(row(random, i));
        }
        byte[] goodBytes = Bytes.utf8(good.toString());
        Path zip = dir.resolve("damaged.zip");
        Files.write(zip, zipBytes(Map.of(EXPORT_ENTRY, Bytes.utf8(good + rest.toString()))));
        damageAfter(zip, goodBytes);

        // the preflight only reads the first lines: it passes
        List<DataEntry> damaged = Publication.inspect(List.of(zip)).dataEntries();
        PublicationReader reader = new PublicationReader(damaged, new LoadProgress(Duration.ofHours(1)), 1000);
        reader.open(new ExecutionContext());
        List<SourceLine> read = new ArrayList<>();
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> {
                for (SourceLine l; (l = reader.readLine()) != null; ) {
                    read.add(l);
                }
            });
        } finally {
            reader.close();
        }

        assertThat(thrown).isInstanceOf(ItemStreamException.class)
                .hasMessageStartingWith("damaged.zip!" + EXPORT_ENTRY + " line " + (read.size() + 1)
                        + ": cannot be read, the archive may be corrupted (")
                .hasCauseInstanceOf(IOException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        String[] goodLines = good.toString().split("\r\n");
        assertThat(read).isNotEmpty().hasSizeLessThanOrEqualTo(goodLines.length);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).isEqualTo(line("damaged.zip!" + EXPORT_ENTRY, i + 1, goodLines[i]));
        }
    }

    @Test
    void readsTheLinesInBatchesOfAtMostAThousandAcrossEntries() throws IOException {
        PublicationReader small = reader();
        small.open(new ExecutionContext());
        try {
            assertThat(small.read().lines()).containsExactlyElementsOf(all); // two entries, one batch
            assertThat(small.read()).isNull();
        } finally {
            small.close();
        }

        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            text.append("I;1;2024;75;11;D35B;3522;RU;").append(i).append(";1\n");
        }
        Path big = Files.writeString(Files.createDirectory(dir.resolve("big")).resolve(IMPORT_NAME), text);
        PublicationReader reader = new PublicationReader(Publication.inspect(List.of(big)).dataEntries(),
                new LoadProgress(Duration.ofHours(1)), LineBatch.linesPerBatch(50_000));
        reader.open(new ExecutionContext());
        try {
            List<Integer> sizes = new ArrayList<>();
            List<Long> numbers = new ArrayList<>();
            for (LineBatch batch; (batch = reader.read()) != null; ) {
                sizes.add(batch.lines().size());
                batch.lines().forEach(line -> numbers.add(line.number()));
            }
            assertThat(sizes).containsExactly(1000, 1000, 500);
            assertThat(numbers).hasSize(2500).isSorted().doesNotHaveDuplicates().startsWith(1L).endsWith(2500L);
        } finally {
            reader.close();
        }
        assertThat(LineBatch.linesPerBatch(100)).isEqualTo(100); // a small chunk is one batch
    }

    // ---- helpers ----

    private PublicationReader reader() {
        return new PublicationReader(entries, new LoadProgress(Duration.ofHours(1)), 1000);
    }

    private static SourceLine line(String file, long number, String text) {
        return new SourceLine(file, number, text, text, false);
    }

    private static List<SourceLine> read(PublicationReader reader, int count) {
        List<SourceLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SourceLine line = reader.readLine();
            assertThat(line).isNotNull();
            lines.add(line);
        }
        return lines;
    }

    private static List<SourceLine> readAll(PublicationReader reader) {
        List<SourceLine> lines = new ArrayList<>();
        for (SourceLine line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    private static List<Object> position(ExecutionContext context) {
        return List.of(context.getInt("reader.file"), context.getLong("reader.line"));
    }

    private static String row(Random random, int i) {
        return "E;" + (1 + i % 4) + ";2024;" + String.format("%02d", 1 + random.nextInt(95)) + ";09;C21Z;"
                + (1000 + random.nextInt(9000)) + ";BE;" + random.nextInt(1_000_000_000) + ";"
                + random.nextInt(1_000_000) + "\r\n";
    }

    /**
     * Overwrites the first (and only) entry's deflate data: the deflated {@code good} bytes, flushed to a byte
     * boundary, then a block header of the reserved type 3, which every inflater refuses ("invalid block type").
     * The central directory stays intact, so the archive opens and its first lines read well.
     */
    private static void damageAfter(Path zip, byte[] good) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(good);
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            prefix.write(buf, 0, n);
        } while (n == buf.length);
        deflater.end();
        prefix.write(0b111); // BFINAL = 1, BTYPE = 11 (reserved)

        long compressedSize;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry entry = z.entries().nextElement();
            compressedSize = entry.getCompressedSize();
        }
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(0)).isEqualTo(0x04034b50); // local file header
        int dataStart = 30 + header.getShort(26) + header.getShort(28);
        byte[] damage = prefix.toByteArray();
        assertThat((long) damage.length).as("damage fits in the entry's data").isLessThan(compressedSize);
        System.arraycopy(damage, 0, bytes, dataStart, damage.length);
        Files.write(zip, bytes);
    }

    private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

}
