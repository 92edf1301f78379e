package org.tradewarehouse;

import org.tradewarehouse.cli.TradeEtl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real command line in its own JVM, as an operator runs it without configuration: on the embedded PostgreSQL of
 * a data folder (no SPRING_DATASOURCE_URL), its stdout and stderr kept apart in two files.
 */
public final class EmbeddedCommand {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private EmbeddedCommand(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * {@code trade-etl ARGUMENTS...} on the embedded warehouse of dataDir; its output in logs/NAME.out and
     * logs/NAME.err; environment as name, value pairs added to the test's.
     */
    public static EmbeddedCommand start(Path dataDir, Path logs, String name, Map<String, String> environment,
                                        String... arguments) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // starts faster; the work here is small
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName()));
        command.addAll(List.of(arguments));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPRING_DATASOURCE_") || k.startsWith("TRADE_"));
        pb.environment().put("TRADE_DATA_DIR", dataDir.toAbsolutePath().toString());
        pb.environment().put("TRADE_FILES_DIR", logs.toAbsolutePath().resolve("files").toString());
        pb.environment().putAll(environment);
        return new EmbeddedCommand(pb.start(), out, err);
    }

    /** Runs it to its end: its exit code. */
    public static EmbeddedCommand run(Path dataDir, Path logs, String name, String... arguments)
            throws IOException, InterruptedException {
        EmbeddedCommand c = start(dataDir, logs, name, Map.of(), arguments);
        c.waitFor();
        return c;
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end:\n" + stderr());
        }
        return process.exitValue();
    }

    public int exitCode() {
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it; returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command outlived SIGTERM by a minute:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Waits until a line of its stdout matches, and returns the match; fails if it ends or the time runs out first. */
    public Matcher awaitStdout(Pattern line, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String l : stdout().lines().toList()) {
                Matcher m = line.matcher(l);
                if (m.matches()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the command ended (exit " + process.exitValue() + ") before printing "
                        + line + ":\n" + stdout() + "\n" + stderr());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the command never printed " + line + " in " + timeout + ":\n" + stdout() + "\n" + stderr());
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
