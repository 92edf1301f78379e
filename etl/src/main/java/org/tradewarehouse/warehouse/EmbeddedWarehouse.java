package org.tradewarehouse.warehouse;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL 17 started from a jar when no external database is configured (no SPRING_DATASOURCE_URL).
 * Its data directory outlives the process, so `load` and a later command see the same warehouse; a command that
 * finds it already running, started by another command (a `serve` in another terminal), uses it (see
 * {@link EmbeddedServer}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}' == ''")
public class EmbeddedWarehouse {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouse.class);

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(@Value("${trade.embedded.data-dir}") Path dataDir,
                                    @Value("${trade.embedded.port}") int port,
                                    @Value("${trade.embedded.shared-buffers}") String sharedBuffers,
                                    @Value("${trade.command:application}") String command,
                                    @Value("${trade.embedded.attach-wait}") Duration attachWait,
                                    @Value("${trade.embedded.stop-wait}") Duration stopWait) throws IOException {
        MemorySize.require("trade.embedded.shared-buffers (TRADE_DB_SHARED_BUFFERS)", sharedBuffers);
        Files.createDirectories(dataDir.toAbsolutePath().getParent());
        var settings = new EmbeddedServer.Settings(dataDir, port, sharedBuffers, command, attachWait, stopWait);
        EmbeddedServer server;
        try {
            server = EmbeddedServer.open(settings);
        } catch (IOException | IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the embedded PostgreSQL of")) {
                throw e; // says who holds it and what to do
            }
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + settings.dataDir() + ": "
                    + leftRunning(settings.dataDir()).map(pid -> "a PostgreSQL left running by a process that was killed"
                    + " (pid " + pid + ", in postmaster.pid) still runs on it: stop it (kill " + pid + ") and run the"
                    + " command again").orElse("is another process using it?") + " (" + e.getMessage() + ")", e);
        }
        server.holder().ifPresentOrElse(
                h -> log.info("Embedded PostgreSQL warehouse in {} (port {}), started by {}", settings.dataDir(),
                        server.port(), h.describe()),
                () -> log.info("Embedded PostgreSQL warehouse in {} (port {})", settings.dataDir(), server.port()));
        return server;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedServer server,
                          @Value("${spring.datasource.hikari.connection-timeout}") long connectionTimeoutMillis) {
        HikariDataSource ds = new HikariDataSource();
        ds.setConnectionTimeout(connectionTimeoutMillis);
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername("postgres");
        // seen by the process that started the server, which waits for the one-shot commands before stopping it
        ds.addDataSourceProperty("ApplicationName", server.applicationName());
        ds.setMaximumPoolSize(6);
        ds.setPoolName("warehouse");
        return ds;
    }

    /** The pid of a PostgreSQL still running on dataDir, from its postmaster.pid, when that process is alive. */
    private static Optional<Long> leftRunning(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
            long pid = Long.parseLong(first);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
