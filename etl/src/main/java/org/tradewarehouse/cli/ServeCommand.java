package org.tradewarehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The long-running mode: serve the fiches as web pages (every territory and loaded year, with"
                + " charts) and their JSON under /api/fiches, health and metrics under /actuator, and fetch and load new"
                + " publications on the configured schedule (see `fetch`), until interrupted (Ctrl-C, SIGTERM).",
                "", "TRADE_SCHEDULE_ENABLED=false serves the pages without the scheduled fetch."})
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: server.port, else 8080)")
    Integer port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (var context = Warehouse.startWeb(port)) {
            var out = spec.commandLine().getOut();
            var env = context.getEnvironment();
            out.println("Fiches served on http://localhost:" + env.getProperty("local.server.port") + "/"
                    + (Boolean.parseBoolean(env.getProperty("trade.schedule.enabled"))
                    ? "; publications fetched on the schedule " + env.getProperty("trade.schedule.cron") : ""));
            out.flush();
            Warehouse.awaitShutdown();
        }
        return 0;
    }
}
