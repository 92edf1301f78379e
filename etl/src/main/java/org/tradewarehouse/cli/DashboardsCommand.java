package org.tradewarehouse.cli;

import org.tradewarehouse.dashboards.Change;
import org.tradewarehouse.dashboards.Dashboard;
import org.tradewarehouse.dashboards.DashboardFileException;
import org.tradewarehouse.dashboards.DashboardFiles;
import org.tradewarehouse.dashboards.DashboardPush;
import org.tradewarehouse.dashboards.MetabaseClient;
import org.tradewarehouse.dashboards.MetabaseCredentials;
import org.tradewarehouse.dashboards.MetabaseException;
import org.tradewarehouse.dashboards.WarehouseConnection;
import org.tradewarehouse.warehouse.ReaderRole;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Metabase dashboards stored as code (the dashboards/ folder): push them, or see what a push would do.")
class DashboardsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Create or update, in Metabase, the collection, the warehouse connection (as the read-only"
                    + " role trade_reader), every card and every dashboard with its filters. Idempotent: a second push"
                    + " with nothing changed changes nothing.", "", "Credentials from the environment: METABASE_API_KEY,"
                    + " or METABASE_USER and METABASE_PASSWORD; the reader's password from TRADE_READER_PASSWORD."})
    int push(@Mixin Target target) {
        return target.run(true);
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Print what a push would create, update, archive or leave unchanged, without changing anything:"
                    + " for each update, the fields that differ (Metabase's value → the files', SQL as a unified diff),"
                    + " and what was changed by hand in Metabase since the last push (drift), which a push puts back.")
    int plan(@Mixin Target target) {
        return target.run(false);
    }

    /** The options both sub-commands share: where Metabase is, where the dashboards are, how Metabase sees the warehouse. */
    static class Target {
        @Option(names = "--metabase-url", defaultValue = "${env:METABASE_URL}",
                description = "Metabase's address, e.g. http://localhost:3000 (default: METABASE_URL)")
        String metabaseUrl;

        @Option(names = "--dir", description = "Folder of the dashboard files (default: the copy in this application)")
        Path dir;

        @Option(names = "--collection", defaultValue = "Commerce extérieur", description = "Collection's name (default: ${DEFAULT-VALUE})")
        String collection;

        @Option(names = "--database-name", defaultValue = "Entrepôt commerce extérieur",
                description = "Name of the warehouse connection in Metabase (default: ${DEFAULT-VALUE})")
        String databaseName;

        @Option(names = "--warehouse-host", description = "The warehouse's host as Metabase reaches it (default: from SPRING_DATASOURCE_URL)")
        String host;

        @Option(names = "--warehouse-port", description = "(default: from SPRING_DATASOURCE_URL, else 5432)")
        Integer port;

        @Option(names = "--warehouse-db", description = "(default: from SPRING_DATASOURCE_URL)")
        String database;

        @Option(names = "--timeout", defaultValue = "30s", description = "Longest wait for one answer of Metabase (default: ${DEFAULT-VALUE})")
        String timeout;

        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        int run(boolean apply) {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            try {
                if (metabaseUrl == null || metabaseUrl.isBlank()) {
                    throw new IllegalArgumentException("give --metabase-url (or set METABASE_URL)");
                }
                Map<String, String> env = System.getenv();
                List<Dashboard> dashboards = dir == null ? DashboardFiles.bundled() : DashboardFiles.read(dir);
                MetabaseClient client = new MetabaseClient(URI.create(metabaseUrl), MetabaseCredentials.fromEnvironment(env),
                        Duration.parse("PT" + timeout.toUpperCase(java.util.Locale.ROOT)));
                DashboardPush push = new DashboardPush(client, collection, databaseName, warehouse(env));
                List<Change> changes = apply ? push.push(dashboards) : push.plan(dashboards);
                changes.forEach(c -> out.println(c.describe()));
                long changed = changes.stream().filter(c -> c.action() != Change.Action.UNCHANGED).count();
                long drift = changes.stream().filter(Change::drift).count();
                out.println(apply ? "Metabase at " + metabaseUrl + ": " + changed + " change(s) made, "
                        + (changes.size() - changed) + " thing(s) already up to date"
                        + (drift > 0 ? "; " + drift + " changed by hand in Metabase were put back" : "")
                        : changed + " change(s) to make, " + (changes.size() - changed) + " thing(s) up to date"
                        + (drift > 0 ? "; " + drift + " changed by hand in Metabase since the last push (drift)"
                        + " would be put back" : ""));
                out.flush();
                return 0;
            } catch (MetabaseException | DashboardFileException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return e instanceof MetabaseException ? 1 : 2;
            }
        }

        private WarehouseConnection warehouse(Map<String, String> env) {
            String password = env.getOrDefault("TRADE_READER_PASSWORD", "");
            if (password.isBlank()) {
                throw new IllegalArgumentException("set TRADE_READER_PASSWORD: Metabase reads the warehouse as the"
                        + " read-only role trade_reader with this password");
            }
            WarehouseConnection fromUrl = env.get("SPRING_DATASOURCE_URL") != null
                    ? WarehouseConnection.fromJdbcUrl(env.get("SPRING_DATASOURCE_URL"), password)
                    : new WarehouseConnection("localhost", 5432, "trade", ReaderRole.ROLE, password);
            return new WarehouseConnection(host != null ? host : fromUrl.host(), port != null ? port : fromUrl.port(),
                    database != null ? database : fromUrl.database(), ReaderRole.ROLE, password);
        }
    }
}
