package org.tradewarehouse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;

/**
 * One file of a publication: a bare file, or an entry of a ZIP read as a stream (never unzipped to disk).
 * Streams from a ZIP close the archive with them, fail past the size the archive's directory declares (the size
 * {@link Publication} checked, so a forged entry cannot inflate beyond it) and check the entry's CRC-32 at its end.
 */
public record DataEntry(Path file, String entryName, long size) {

    static DataEntry bare(Path file, long size) {
        return new DataEntry(file, null, size);
    }

    /** File name as the user knows it, with the entry inside the ZIP: {@code 202412_regional_2024_export.zip!Regional-2024-export/Region_2024_Export.txt}. */
    public String displayName() {
        return entryName == null ? file.getFileName().toString() : file.getFileName() + "!" + entryName;
    }

    public InputStream open() throws IOException {
        if (entryName == null) {
            return Files.newInputStream(file);
        }
        ZipFile zip = new ZipFile(file.toFile());
        var entry = zip.getEntry(entryName);
        if (entry == null) {
            zip.close();
            throw new IOException(displayName() + ": entry vanished from the archive");
        }
        long declared = entry.getSize();
        long crc = entry.getCrc();
        return new java.io.FilterInputStream(zip.getInputStream(entry)) {
            private final CRC32 checksum = new CRC32();
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read += n;
                    if (declared >= 0 && read > declared) {
                        throw new IOException("the entry inflates to more than the " + declared
                                + " bytes the archive declares: corrupted, or a ZIP bomb");
                    }
                    checksum.update(b, off, n);
                } else if (n < 0 && crc >= 0 && checksum.getValue() != crc) {
                    // ZipFile does not check it: a damaged entry could otherwise inflate into plausible lines
                    throw new IOException("the entry's CRC-32 does not match its contents: the archive is corrupted");
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
