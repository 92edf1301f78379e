package org.tradewarehouse.cli;

import org.tradewarehouse.schedule.SchedulePass;
import org.tradewarehouse.schedule.SourceCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"One pass of the scheduled fetch: check every configured publication address"
                + " (TRADE_SCHEDULE_SOURCES) and every file of the inbox (TRADE_SCHEDULE_INBOX), load what is new or"
                + " changed, and print each decision: loaded, unchanged, failed or skipped-busy.",
                "Exit codes: 0 nothing failed; 1 a source failed; 3 skipped because another load is running."})
class FetchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (var context = Warehouse.start(spec.name())) {
            List<SourceCheck> decisions = context.getBean(SchedulePass.class).run();
            var out = spec.commandLine().getOut();
            if (decisions.isEmpty()) {
                out.println("Nothing to check: no publication address configured (TRADE_SCHEDULE_SOURCES) and the inbox is empty.");
            }
            for (SourceCheck d : decisions) {
                out.printf("%-12s %s%n             %s%n", d.decision().label, d.source(), d.reason());
            }
            out.flush();
            if (decisions.stream().anyMatch(d -> d.decision() == SourceCheck.Decision.FAILED)) {
                return 1;
            }
            return decisions.stream().anyMatch(d -> d.decision() == SourceCheck.Decision.SKIPPED_BUSY) ? 3 : 0;
        }
    }
}
