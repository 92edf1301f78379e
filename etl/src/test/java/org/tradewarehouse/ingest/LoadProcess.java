package org.tradewarehouse.ingest;

import org.tradewarehouse.cli.TradeEtl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real command line, {@code trade-etl load}, in a JVM of its own on a given database: a process a test can
 * kill with SIGKILL. Its connections carry the application name {@value #APPLICATION_NAME}, so the test can see
 * what its backends are doing and when they are gone.
 */
final class LoadProcess {

    static final String APPLICATION_NAME = "fault-test-load";

    private final Process process;
    private final Path log;

    private LoadProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LoadProcess start(String jdbcUrl, Path log, List<Path> files, String... environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // starts faster; the loads here are small
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName(), "load"));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "ApplicationName=" + APPLICATION_NAME);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        for (int i = 0; i + 1 < environment.length; i += 2) {
            pb.environment().put(environment[i], environment[i + 1]);
        }
        return new LoadProcess(pb.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no rollback sent, connections cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the load process outlived SIGKILL");
        }
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the load process did not end:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
