package org.tradewarehouse.cli;

import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Write a small sample publication in the customs' real format (its own small nomenclature, fixed seed)"
                + " and load it into the warehouse.")
class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Where to write the sample ZIPs (default: ${DEFAULT-VALUE})")
    Path out = Path.of(System.getProperty("user.home"), ".trade-warehouse", "demo-publication");

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed = SamplePublication.Options.defaults().seed();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var defaults = SamplePublication.Options.defaults();
        var sample = SamplePublication.write(out, new SamplePublication.Options(defaults.firstYear(), defaults.lastYear(),
                seed, defaults.rowsPerFlowPerYear()));
        var console = spec.commandLine().getOut();
        console.println("Sample publication written to " + out.toAbsolutePath() + ": " + sample.zips().size() + " ZIP files");
        try (var context = Warehouse.start(spec.name())) {
            LoadOutcome outcome = context.getBean(LoadService.class).load(sample.zips(), false);
            LoadReport.print(outcome, console, spec.commandLine().getErr());
            if (outcome.status() == LoadOutcome.Status.PUBLISHED) {
                printTotals(context.getBean(JdbcTemplate.class), console);
            }
            return outcome.status().exitCode;
        }
    }

    /** What the warehouse now holds, straight from the fact table. */
    private static void printTotals(JdbcTemplate jdbc, java.io.PrintWriter console) {
        console.println("Warehouse totals (M€):");
        jdbc.query("select t.year, f.flow, sum(f.value_eur) as eur, count(*) as facts from dw.fact_trade f"
                + " join dw.dim_time t using (time_key) group by t.year, f.flow order by t.year, f.flow", rs -> {
            console.printf(Locale.ROOT, "  %d %s %,14.1f  (%,d facts)%n", rs.getInt("year"), rs.getString("flow"),
                    rs.getLong("eur") / 1e6, rs.getLong("facts"));
        });
        console.flush();
    }
}
