package org.tradewarehouse.export;

import org.springframework.stereotype.Service;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.web.FichePage;
import org.tradewarehouse.web.PageAssets;
import org.tradewarehouse.web.PageRenderer;
import org.tradewarehouse.web.Territories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every territory's fiche of a year as a self-contained HTML file (style, ECharts and data inlined: it opens
 * offline from disk), plus an index page; the same pages as the live site, rendered by the same path.
 */
@Service
public class FicheExport {

    /** What was written: the fiche pages (not counting the index) and the PDFs. */
    public record Result(int pages, int pdfs) {
    }

    public static final String INDEX = "index.html";

    private final FicheService fiches;
    private final Territories territories;
    private final PageRenderer renderer;
    private final PageAssets assets;

    public FicheExport(FicheService fiches, Territories territories, PageRenderer renderer, PageAssets assets) {
        this.fiches = fiches;
        this.territories = territories;
        this.renderer = renderer;
        this.assets = assets;
    }

    public static String fileName(String slug, int year) {
        return slug + "-" + year + ".html";
    }

    /** {@code pdf} null: HTML only. */
    public Result export(int year, ProductLevel level, Path out, ChromiumPdf pdf) throws IOException {
        List<Territories.Entry> all = territories.of(year);
        if (all.isEmpty()) {
            throw new FicheNotFoundException(FicheNotFoundException.Missing.YEAR,
                    "no data for " + year + "; years loaded: " + fiches.loadedYears());
        }
        Files.createDirectories(out);
        // each région's and France's fiche is read once, although every département's page shows them
        Map<String, Fiche> read = new HashMap<>();
        List<PageRenderer.IndexRow> rows = new ArrayList<>();
        List<Path> pages = new ArrayList<>();
        for (Territories.Entry t : all) {
            Fiche fiche = read.computeIfAbsent(t.geo(), geo -> fiches.fiche(geo, year, level));
            FichePage page = FichePage.of(fiche, geo -> read.computeIfAbsent(geo, g -> fiches.fiche(g, year, level)));
            Path file = out.resolve(fileName(t.slug(), year));
            Files.writeString(file, renderer.fiche(page, assets.inline(), INDEX), StandardCharsets.UTF_8);
            pages.add(file);
            rows.add(new PageRenderer.IndexRow(t, List.of(new PageRenderer.Link(String.valueOf(year), file.getFileName().toString()))));
        }
        Files.writeString(out.resolve(INDEX), renderer.index("Commerce extérieur des territoires, " + year, rows, assets.inline()),
                StandardCharsets.UTF_8);
        int pdfs = 0;
        if (pdf != null) {
            for (Path page : pages) {
                pdf.print(page, page.resolveSibling(page.getFileName().toString().replaceFirst("\\.html$", ".pdf")));
                pdfs++;
            }
        }
        return new Result(pages.size(), pdfs);
    }
}
