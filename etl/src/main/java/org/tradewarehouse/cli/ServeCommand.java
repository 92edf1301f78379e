package org.tradewarehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the fiches as web pages (every territory and loaded year, with charts) and their JSON"
                + " under /api/fiches, until interrupted (Ctrl-C).")
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: server.port, else 8080)")
    Integer port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (var context = Warehouse.startWeb(port)) {
            var out = spec.commandLine().getOut();
            out.println("Fiches served on http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/");
            out.flush();
            Warehouse.awaitShutdown();
        }
        return 0;
    }
}
