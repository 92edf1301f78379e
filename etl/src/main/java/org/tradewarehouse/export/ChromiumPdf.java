package org.tradewarehouse.export;

import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Prints an HTML file to an A4 PDF with a headless Chromium (the page's print style sheet lays it out). */
public class ChromiumPdf {

    /** Looked for on the PATH, in this order. */
    public static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    public ChromiumPdf(Path executable) {
        this.executable = executable;
    }

    /** The first of {@link #NAMES} found on the PATH. */
    public static Optional<Path> find() {
        return onPath(NAMES);
    }

    /** The first executable of {@code names} found on the PATH. */
    public static Optional<Path> onPath(List<String> names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public void print(Path html, Path pdf) throws IOException {
        // a profile of its own: Chromiums sharing one would hand their work to the first and exit
        Path profile = Files.createTempDirectory("chromium-profile");
        Path log = profile.resolve("chromium.log");
        try {
            Process process = new ProcessBuilder(executable.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                    "--user-data-dir=" + profile,
                    "--no-first-run", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                    "--virtual-time-budget=10000", "--print-to-pdf=" + pdf.toAbsolutePath(),
                    html.toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Chromium did not print " + html.getFileName() + " within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new IOException("Chromium (" + executable + ") could not print " + html.getFileName() + " (exit code "
                        + process.exitValue() + "): " + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while printing " + html.getFileName(), e);
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    private static String tail(String text) {
        String s = text.strip();
        return s.length() <= 500 ? s : "…" + s.substring(s.length() - 500);
    }
}
