package org.tradewarehouse.cli;

import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.FicheText;
import org.tradewarehouse.fiche.ProductLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.Callable;

@Command(name = "fiche", mixinStandardHelpOptions = true,
        description = "Print the data of a territory's 'commerce extérieur' fiche: totals and shares, top partners,"
                + " top products, Sankey flows (see docs/FICHE.md for the JSON contract).")
class FicheCommand implements Callable<Integer> {

    enum Format { json, text }

    @Option(names = "--geo", description = "dep:87, reg:09 (the customs' DGDDI codes) or fr")
    String geo;

    @Option(names = "--measure-latency", description = "Instead of printing a fiche: time the fiche's data query for"
            + " every département of the year (a warm-up pass, then a measured one) and print the median and 95th percentile")
    boolean measureLatency;

    @Option(names = "--year", required = true)
    int year;

    @Option(names = "--level", defaultValue = "a129", description = "Product level: a129 (default), a38 or cpf4")
    String level;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or text (French report)")
    Format format;

    @Option(names = "--links", defaultValue = "10", paramLabel = "N|all", description = "Text format: how many Sankey"
            + " links to print after each Sankey's 5 highlighted flows, largest first, or all (default: ${DEFAULT-VALUE});"
            + " the JSON always holds every link")
    String links;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProductLevel productLevel;
        try {
            productLevel = ProductLevel.parse(level);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        int linksShown;
        try {
            linksShown = links.equals("all") ? FicheText.ALL_LINKS : Integer.parseInt(links);
            if (linksShown < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            spec.commandLine().getErr().println("error: --links takes a number of links (0 or more) or all, not '" + links + "'");
            return 2;
        }
        if (geo == null && !measureLatency) {
            spec.commandLine().getErr().println("error: give --geo (dep:87, reg:09 or fr)");
            return 2;
        }
        try (var context = Warehouse.start(spec.name())) {
            FicheService fiches = context.getBean(FicheService.class);
            if (measureLatency) {
                spec.commandLine().getOut().println(FicheLatency.measure(fiches, year, productLevel));
                return 0;
            }
            Fiche fiche = fiches.fiche(geo, year, productLevel);
            var out = spec.commandLine().getOut();
            out.print(format == Format.json
                    ? context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(fiche) + "\n"
                    : FicheText.render(fiche, linksShown));
            out.flush();
            return 0;
        } catch (FicheNotFoundException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
    }
}
