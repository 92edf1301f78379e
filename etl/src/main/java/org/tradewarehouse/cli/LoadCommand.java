package org.tradewarehouse.cli;

import org.tradewarehouse.ingest.BadPublicationException;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;
import org.tradewarehouse.ingest.Publication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load customs publications into the warehouse: the annual ZIPs, the rolling 'dernière publication'"
                + " ZIPs, or bare .txt data files. Each (year, quarter, flow) the inputs hold replaces the warehouse's.",
                "Exit codes: 0 loaded; 1 failed (warehouse unchanged); 2 unreadable input; 3 another load is running;"
                        + " 4 lines rejected and --accept-rejects not given (warehouse unchanged)."})
class LoadCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH_OR_URL", description = "ZIP or .txt files, or http(s) addresses")
    List<String> inputs;

    @Option(names = "--accept-rejects", description = "Load the valid rows even when some lines are rejected")
    boolean acceptRejects;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        try {
            files = Inputs.resolve(inputs);
            Publication.inspect(files);
        } catch (BadPublicationException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        try (var context = Warehouse.start(spec.name())) {
            LoadOutcome outcome = context.getBean(LoadService.class).load(files, acceptRejects);
            LoadReport.print(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
            return outcome.status().exitCode;
        }
    }
}
