package org.tradewarehouse.dashboards;

import org.tradewarehouse.warehouse.ReaderRole;

import java.net.URI;

/**
 * How Metabase reaches the warehouse: as the read-only role trade_reader, whose password comes from
 * TRADE_READER_PASSWORD. Host, port and database default to those of SPRING_DATASOURCE_URL.
 */
public record WarehouseConnection(String host, int port, String database, String user, String password) {

    /** From a JDBC address such as jdbc:postgresql://warehouse-db:5432/trade. */
    public static WarehouseConnection fromJdbcUrl(String jdbcUrl, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("give the warehouse's address as Metabase sees it (--warehouse-host,"
                    + " --warehouse-port, --warehouse-db) or set SPRING_DATASOURCE_URL to a jdbc:postgresql:// address");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new WarehouseConnection(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, ReaderRole.ROLE, password);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
