package org.tradewarehouse.ingest;

import org.tradewarehouse.nomenclature.AnnexFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The inputs of one load, checked before anything is written: each input must be a readable ZIP holding a
 * regional data file, or a bare regional data file. Anything else is refused here with a one-line reason.
 */
public record Publication(List<DataEntry> dataEntries, List<AnnexEntry> annexEntries) {

    public record AnnexEntry(AnnexFile.Kind kind, DataEntry entry) {
    }

    static final int EXPECTED_FIELDS = 10;
    static final String EXPECTED_LAYOUT =
            "Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code Pays;Valeur;Masse";
    /** How many non-blank lines may open a file before the first one in the regional layout. */
    private static final int LINES_TO_RECOGNISE = 20;
    /** Where those lines must be found: a file without line breaks is not read to its end to learn it is not one. */
    private static final int BYTES_TO_RECOGNISE = 64 * 1024;
    /**
     * Text data compresses about 10:1; a ZIP entry that claims to inflate to more than this many times its
     * compressed size is refused as a possible ZIP bomb (deflate reaches about 1000:1 on repeated bytes).
     */
    static final int MAX_COMPRESSION_RATIO = 100;
    /** Below this size an entry cannot exhaust anything, whatever its ratio. */
    private static final long RATIO_CHECKED_FROM = 1L << 20;

    public static Publication inspect(List<Path> files) {
        List<DataEntry> data = new ArrayList<>();
        List<AnnexEntry> annexes = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new BadPublicationException(name + ": no such readable file");
            }
            long size = size(file);
            if (size == 0) {
                throw new BadPublicationException(name + ": the file is empty");
            }
            if (isZip(file)) {
                inspectZip(file, data, annexes);
            } else if (AnnexFile.Kind.ofFileName(name).isPresent()) {
                throw new BadPublicationException(name + ": this is a label annex, not a data file; load the ZIP that holds it");
            } else {
                DataEntry entry = DataEntry.bare(file, size);
                checkLayout(entry);
                data.add(entry);
            }
        }
        return new Publication(Collections.unmodifiableList(data), Collections.unmodifiableList(annexes));
    }

    private static void inspectZip(Path file, List<DataEntry> data, List<AnnexEntry> annexes) {
        String name = file.getFileName().toString();
        List<String> others = new ArrayList<>();
        int before = data.size();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                checkCompression(name, e);
                DataEntry entry = new DataEntry(file, e.getName(), e.getSize());
                var kind = AnnexFile.Kind.ofFileName(e.getName());
                if (kind.isPresent()) {
                    annexes.add(new AnnexEntry(kind.get(), entry));
                } else if (isDataCandidate(e.getName())) {
                    if (e.getSize() == 0) {
                        throw new BadPublicationException(entry.displayName() + ": the data file is empty");
                    }
                    data.add(entry);
                } else {
                    others.add(e.getName());
                }
            }
        } catch (ZipException e) {
            throw new BadPublicationException(name + ": not a readable ZIP archive, truncated or corrupted (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadPublicationException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (data.size() == before) {
            throw new BadPublicationException(name + ": no regional data file in this ZIP"
                    + (others.isEmpty() ? "" : " (found only: " + String.join(", ", others) + ")"));
        }
        for (DataEntry entry : data.subList(before, data.size())) {
            checkLayout(entry);
        }
    }

    private static void checkCompression(String zipName, ZipEntry e) {
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size > RATIO_CHECKED_FROM && compressed >= 0 && size > MAX_COMPRESSION_RATIO * Math.max(compressed, 1)) {
            throw new BadPublicationException(String.format(Locale.ROOT, "%s!%s: inflates to %,d bytes from %,d"
                            + " (more than %d:1, no customs file compresses that much); refused as a possible ZIP bomb",
                    zipName, e.getName(), size, compressed, MAX_COMPRESSION_RATIO));
        }
    }

    /** Text files that are neither an annex nor the customs' read-me. */
    private static boolean isDataCandidate(String entryName) {
        String base = entryName.substring(entryName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return base.endsWith(".txt") && !base.startsWith("lisez") && !base.startsWith("description")
                && !base.startsWith("readme");
    }

    /** Refuses a file of another format (e.g. the national NC8 file) before a single row is staged. */
    private static void checkLayout(DataEntry entry) {
        byte[] head;
        try (InputStream in = entry.open()) {
            head = in.readNBytes(BYTES_TO_RECOGNISE);
        } catch (IOException e) {
            throw new BadPublicationException(entry.displayName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        int nul = 0;
        for (byte b : head) {
            nul += b == 0 ? 1 : 0;
        }
        if (nul > head.length / 8) { // a stray NUL is one bad line; this many is another encoding or no text at all
            throw new BadPublicationException(entry.displayName() + ": not UTF-8 text (it holds NUL bytes: UTF-16"
                    + " text or binary data); the regional file is UTF-8 text, " + EXPECTED_FIELDS + " fields: " + EXPECTED_LAYOUT);
        }
        try (LineInput reader = new LineInput(new ByteArrayInputStream(head))) {
            int seen = 0;
            int firstFieldCount = -1;
            boolean national = false;
            while (seen < LINES_TO_RECOGNISE && reader.next()) {
                String line = reader.lenientText();
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(";", -1);
                if (looksRegional(fields)) {
                    return;
                }
                national |= looksNational(fields);
                if (firstFieldCount < 0) {
                    firstFieldCount = fields.length;
                }
                seen++;
            }
            if (seen == 0) {
                throw new BadPublicationException(entry.displayName() + ": the data file is empty");
            }
            throw new BadPublicationException(entry.displayName() + ": not a DGDDI regional data file ("
                    + (national ? "it looks like the national file: a month and an NC8 code where the regional file has"
                    + " a quarter and a CPF4 code" : firstFieldCount == EXPECTED_FIELDS
                    ? "its lines have " + EXPECTED_FIELDS + " fields but no one-digit quarter and four-character CPF4 code"
                    + " where the regional layout has them" : "its first line has " + firstFieldCount + " fields")
                    + "; expected " + EXPECTED_FIELDS + ": " + EXPECTED_LAYOUT + ")");
        } catch (IOException e) {
            throw new BadPublicationException(entry.displayName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Ten fields with a one-character quarter and a four-character CPF4: the regional layout, even if the line is bad. */
    private static boolean looksRegional(String[] f) {
        return f.length == EXPECTED_FIELDS && f[1].strip().length() == 1 && f[6].strip().length() == 4;
    }

    /** The national file also has ten fields: Flux;Mois;Année;CPF6;A129;NC8;Pays;Valeur;Masse;USUP. */
    private static boolean looksNational(String[] f) {
        return f.length == EXPECTED_FIELDS && f[1].strip().length() == 2 && f[5].strip().length() == 8;
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        } catch (IOException e) {
            throw new BadPublicationException(file.getFileName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BadPublicationException(file.getFileName() + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
