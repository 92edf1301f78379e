package org.tradewarehouse.cli;

import org.tradewarehouse.warehouse.DatabaseUnreachable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The command line of trade-warehouse. Each sub-command starts the warehouse (Spring context, database) only
 * when it needs it, so help and bad arguments answer at once.
 */
@Command(name = "trade-etl", mixinStandardHelpOptions = true, version = "trade-etl 0.1.0",
        description = "Loads French customs (DGDDI) regional foreign-trade publications into the trade warehouse.",
        subcommands = {LoadCommand.class, FetchCommand.class, DemoCommand.class, FicheCommand.class, StatusCommand.class,
                HistoryCommand.class, DbCommand.class, ServeCommand.class, ExportFichesCommand.class, DashboardsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Database: set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD for an"
                + " external PostgreSQL; without them an embedded PostgreSQL keeps its data in TRADE_DATA_DIR"
                + " (default ~/.trade-warehouse/pgdata)."})
public class TradeEtl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        if (System.getenv("TRADE_DEBUG") != null) { // the logs application.yml keeps off the console, with their stack traces
            for (String logger : List.of("org.springframework.batch.core.step.item.ChunkOrientedStep",
                    "org.springframework.batch.core.job.AbstractJob", "org.springframework.transaction.support.TransactionTemplate",
                    "org.springframework.transaction.interceptor.TransactionInterceptor",
                    "org.springframework.jdbc.support.JdbcTransactionManager")) {
                System.setProperty("logging.level." + logger, "ERROR");
            }
            System.setProperty("logging.level.com.zaxxer.hikari", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line; an unexpected failure is its message for the operator, not a stack trace (unless TRADE_DEBUG is set). */
    static CommandLine commandLine() {
        return new CommandLine(new TradeEtl()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            Throwable cause = root;
            cmd.getErr().println("error: " + DatabaseUnreachable.describe(e)
                    .orElseGet(() -> (e == cause ? "" : firstLine(e.getMessage()) + ": ")
                            + (cause.getMessage() == null ? cause.toString() : cause.getMessage().strip())));
            if (System.getenv("TRADE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set TRADE_DEBUG=1 to see the stack trace)");
            }
            return 1;
        });
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
