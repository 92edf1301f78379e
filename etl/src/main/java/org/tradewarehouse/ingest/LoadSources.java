package org.tradewarehouse.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The load job's inputs as a job parameter (one absolute path per line) and their identity (SHA-256 of contents). */
public final class LoadSources {

    private LoadSources() {
    }

    static String parameter(List<Path> files) {
        return String.join("\n", files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    }

    static List<Path> paths(String parameter) {
        return Arrays.stream(parameter.split("\n")).map(Path::of).toList();
    }

    static Publication inspect(String parameter) {
        return Publication.inspect(paths(parameter));
    }

    /** One digest over every input's bytes, in order: the same files give the same load identity wherever they lie. */
    static String sha256(List<Path> files) {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                all.update(digest(file));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of one file's bytes, in hexadecimal (what `sha256sum` prints). */
    public static String sha256(Path file) {
        return HexFormat.of().formatHex(digest(file));
    }

    private static byte[] digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest one = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                one.update(buffer, 0, n);
            }
            return one.digest();
        } catch (IOException e) {
            throw new BadPublicationException("cannot read the inputs to identify them (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
