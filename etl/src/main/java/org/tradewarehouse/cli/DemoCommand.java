package org.tradewarehouse.cli;

import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.FrenchFormat;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Write a small sample publication in the customs' real format (its own small nomenclature, fixed seed),"
                + " its 2024 calibrated on the published Haute-Vienne fiche (the totals of the département, Nouvelle-Aquitaine"
                + " and France), load it into the warehouse, and print Haute-Vienne's totals and where to go next.")
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
                printFiche(context.getBean(FicheService.class).fiche("dep:87", 2024, ProductLevel.A129), console);
                printNextSteps(context.getEnvironment().getProperty("server.port", "8080"), console);
            }
            return outcome.status().exitCode;
        }
    }

    /** Haute-Vienne's totals and shares as the fiche reads them from the warehouse: those of its published fiche. */
    private static void printFiche(Fiche f, PrintWriter console) {
        console.println();
        console.println(f.geo().name() + " (" + f.geo().code() + "), " + f.year() + ", as on its published fiche:");
        console.printf("  exports %9s M€, %s of %s, %s of France%n", FrenchFormat.millions(f.exports().totalEur()),
                FrenchFormat.share(f.exports().shareOfRegion()), f.geo().region().name(),
                FrenchFormat.share(f.exports().shareOfFrance()));
        console.printf("  imports %9s M€, %s of %s, %s of France%n", FrenchFormat.millions(f.imports().totalEur()),
                FrenchFormat.share(f.imports().shareOfRegion()), f.geo().region().name(),
                FrenchFormat.share(f.imports().shareOfFrance()));
    }

    /** Where to go from here: the fiche as a report, and as a web page. */
    private static void printNextSteps(String port, PrintWriter console) {
        console.println();
        console.println("Next:");
        console.println("  ./bin/trade-etl fiche --geo dep:87 --year 2024 --format text   # its fiche, as a report");
        console.println("  ./bin/trade-etl serve                                          # the fiches as web pages, then open");
        console.println("      http://localhost:" + port + "/fiches/dep-87/2024");
        console.flush();
    }
}
