package org.tradewarehouse.warehouse;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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

/**
 * A PostgreSQL 17 started from a jar when no external database is configured (no SPRING_DATASOURCE_URL).
 * Its data directory outlives the process, so `load` and a later command see the same warehouse.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}' == ''")
public class EmbeddedWarehouse {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouse.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${trade.embedded.data-dir}") Path dataDir,
                                      @Value("${trade.embedded.port}") int port,
                                      @Value("${trade.embedded.shared-buffers}") String sharedBuffers) throws IOException {
        MemorySize.require("trade.embedded.shared-buffers (TRADE_DB_SHARED_BUFFERS)", sharedBuffers);
        Files.createDirectories(dataDir.getParent());
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_wal_size", "2GB")
                    // Nobody replicates the embedded warehouse: with minimal WAL, the fact slices a load builds in its
                    // publish transaction are written once, not also to the write-ahead log.
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    // Each load's connections and parallel workers are new processes, and a process pays for each
                    // page of the pool it first touches: a scan that sweeps the whole pool pays for all of it.
                    .setServerConfig("shared_buffers", sharedBuffers)
                    .start();
            log.info("Embedded PostgreSQL warehouse in {} (port {})", dataDir, pg.getPort());
            return pg;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir
                    + ": is another trade-etl process using it? (" + e.getMessage() + ")", e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg,
                          @Value("${spring.datasource.hikari.connection-timeout}") long connectionTimeoutMillis) {
        HikariDataSource ds = new HikariDataSource();
        ds.setConnectionTimeout(connectionTimeoutMillis);
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(6);
        ds.setPoolName("warehouse");
        return ds;
    }
}
