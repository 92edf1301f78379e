package org.tradewarehouse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * One file of a publication: a bare file, or an entry of a ZIP read as a stream (never unzipped to disk).
 * Streams from a ZIP close the archive with them.
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
        return new java.io.FilterInputStream(zip.getInputStream(entry)) {
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
