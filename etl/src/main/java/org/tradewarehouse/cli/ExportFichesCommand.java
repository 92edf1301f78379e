package org.tradewarehouse.cli;

import org.tradewarehouse.export.ChromiumPdf;
import org.tradewarehouse.export.FicheExport;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.ProductLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export-fiches", mixinStandardHelpOptions = true,
        description = "Write the fiche of every territory of a year (départements, régions, France) as a self-contained"
                + " HTML file that opens offline, plus index.html; with --pdf also one A4 PDF each, printed by Chromium.")
class ExportFichesCommand implements Callable<Integer> {

    @Option(names = "--year", required = true)
    int year;

    @Option(names = "--out", required = true, description = "Directory to write to (created if needed)")
    Path out;

    @Option(names = "--level", defaultValue = "a129", description = "Product level: a129 (default), a38 or cpf4")
    String level;

    @Option(names = "--pdf", description = "Also print each fiche to PDF with a headless Chromium")
    boolean pdf;

    @Option(names = "--chromium", description = "Chromium executable for --pdf (default: the first of chromium,"
            + " chromium-browser, google-chrome, google-chrome-stable on the PATH)")
    Path chromium;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        ProductLevel productLevel;
        try {
            productLevel = ProductLevel.parse(level);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        ChromiumPdf printer = null;
        if (pdf) {
            Path executable = chromium != null ? chromium : ChromiumPdf.find().orElse(null);
            if (executable == null) {
                err.println("error: --pdf needs Chromium, and none of " + String.join(", ", ChromiumPdf.NAMES)
                        + " is on the PATH: install it (Debian: apt-get install chromium) or give --chromium PATH");
                return 2;
            }
            if (!Files.isExecutable(executable)) {
                err.println("error: --chromium " + executable + " is not an executable file");
                return 2;
            }
            printer = new ChromiumPdf(executable);
        }
        long start = System.nanoTime();
        try (var context = Warehouse.start(spec.name())) {
            FicheExport.Result result = context.getBean(FicheExport.class).export(year, productLevel, out, printer);
            var stdout = spec.commandLine().getOut();
            stdout.println(String.format(Locale.ROOT, "Wrote %d fiches of %d%s and %s to %s in %.1f s", result.pages(), year,
                    pdf ? " (HTML and " + result.pdfs() + " PDF)" : "", FicheExport.INDEX, out, (System.nanoTime() - start) / 1e9));
            stdout.flush();
            return 0;
        } catch (FicheNotFoundException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
