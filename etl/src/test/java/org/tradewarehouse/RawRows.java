package org.tradewarehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The raw data lines of customs files, read the simplest possible way (no project code), so tests compare the
 * warehouse with figures computed independently of the loader.
 */
public record RawRows(List<String[]> rows) {

    public static RawRows of(List<Path> files) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (Path file : files) {
            if (file.toString().endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                    ZipEntry e;
                    while ((e = zip.getNextEntry()) != null) {
                        String name = e.getName().toLowerCase();
                        if (name.contains("region_") || name.contains("regional_cpf4pays")) {
                            read(zip, rows);
                        }
                    }
                }
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    read(in, rows);
                }
            }
        }
        return new RawRows(rows);
    }

    private static void read(InputStream in, List<String[]> rows) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
                rows.add(line.split(";", -1));
            }
        }
    }

    /** Sum of the value field (euros) grouped by a key built from the fields. */
    public Map<String, Long> euros(Function<String[], String> key) {
        Map<String, Long> sums = new TreeMap<>();
        for (String[] f : rows) {
            sums.merge(key.apply(f), Long.parseLong(f[8]), Long::sum);
        }
        return sums;
    }

    public long count() {
        return rows.size();
    }
}
