package org.tradewarehouse.cli;

import com.zaxxer.hikari.HikariDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import javax.sql.DataSource;
import java.util.concurrent.Callable;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Start the warehouse database (migrated to the current schema), print its JDBC address and keep it"
                + " running until interrupted (Ctrl-C), so psql, Metabase or a benchmark can reach the embedded PostgreSQL.",
                "Set TRADE_DB_PORT to choose the embedded PostgreSQL's port."})
class DbCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (var context = Warehouse.start(spec.name())) {
            DataSource ds = context.getBean(DataSource.class);
            String url = ds instanceof HikariDataSource h ? h.getJdbcUrl() : "(see SPRING_DATASOURCE_URL)";
            var out = spec.commandLine().getOut();
            out.println("Warehouse database ready: " + url);
            out.flush();
            Warehouse.awaitShutdown();
        }
        return 0;
    }
}
