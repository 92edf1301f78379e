package org.tradewarehouse;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.cli.TradeEtl;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in its own JVM, on a test's database, its output in a log file: for the tests that end a
 * load process half-way (SIGKILL, SIGTERM) or cut its database, and check what the next load makes of it. Its
 * connections carry the application name {@value #APPLICATION_NAME}, so a test can see what its backends are doing
 * and when they are gone.
 */
public final class ChildCommand {

    public static final String APPLICATION_NAME = "child-command";

    private final Process process;
    private final Path log;

    private ChildCommand(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Any command, on the test context's database, staging in chunks of chunkSize. */
    public static ChildCommand start(DataSource dataSource, int chunkSize, Path log, Map<String, String> environment,
                                     List<String> arguments) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("TRADE_LOAD_CHUNK_SIZE", Integer.toString(chunkSize));
        return start(((HikariDataSource) dataSource).getJdbcUrl(), log, env, arguments);
    }

    /** {@code load FILES...} on the database at jdbcUrl; environment as name, value pairs. */
    public static ChildCommand load(String jdbcUrl, Path log, List<Path> files, String... environment) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i + 1 < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        List<String> arguments = new ArrayList<>(List.of("load"));
        files.forEach(f -> arguments.add(f.toString()));
        return start(jdbcUrl, log, env, arguments);
    }

    private static ChildCommand start(String jdbcUrl, Path log, Map<String, String> environment, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // starts faster; the loads here are small
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName()));
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "ApplicationName=" + APPLICATION_NAME);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().putAll(environment);
        return new ChildCommand(pb.start(), log);
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no rollback sent, connections cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child process outlived SIGKILL");
        }
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child process did not end:\n" + log());
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Returns once the child's staging step has committed this many chunks. */
    public void awaitStagedChunks(JdbcTemplate jdbc, int chunks) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            Long committed = jdbc.queryForObject("select coalesce(max(commit_count), 0) from batch.batch_step_execution"
                    + " where step_name = 'stageRows' and status = 'STARTED'", Long.class);
            if (committed != null && committed >= chunks) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the load process ended before it could be stopped:\n" + log());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the load process never staged " + chunks + " chunks");
    }
}
