package org.tradewarehouse.cli;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command that opens the warehouse, prints a report of it on stdout, and closes it. */
abstract class WarehouseReport implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (var context = Warehouse.start(spec.name())) {
            PrintWriter out = spec.commandLine().getOut();
            report(context, out);
            out.flush();
        }
        return 0;
    }

    abstract void report(ConfigurableApplicationContext context, PrintWriter out);
}
