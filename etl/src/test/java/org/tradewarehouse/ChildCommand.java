package org.tradewarehouse;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.cli.TradeEtl;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real command line in its own JVM, on a test's database, staging in small chunks, its output in a log file:
 * for the tests that end a load process half-way (SIGKILL, SIGTERM) and check what the next load makes of it.
 */
public final class ChildCommand {

    private final Process process;
    private final Path log;

    private ChildCommand(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildCommand start(DataSource dataSource, int chunkSize, Path log, Map<String, String> environment,
                                     List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName()));
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPRING_DATASOURCE_URL", ((HikariDataSource) dataSource).getJdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("TRADE_LOAD_CHUNK_SIZE", Integer.toString(chunkSize));
        pb.environment().putAll(environment);
        return new ChildCommand(pb.start(), log);
    }

    public Process process() {
        return process;
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
