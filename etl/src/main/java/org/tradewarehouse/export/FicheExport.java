package org.tradewarehouse.export;

import org.springframework.stereotype.Service;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.FicheNotFoundException;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.ProductLevel;
import org.tradewarehouse.web.FichePage;
import org.tradewarehouse.web.PageAssets;
import org.tradewarehouse.web.PageRenderer;
import org.tradewarehouse.web.TerritoryIndex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    private final TerritoryIndex territories;
    private final PageRenderer renderer;
    private final PageAssets assets;

    public FicheExport(FicheService fiches, TerritoryIndex territories, PageRenderer renderer, PageAssets assets) {
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
        List<TerritoryIndex.Entry> all = territories.of(year);
        if (all.isEmpty()) {
            throw new FicheNotFoundException(FicheNotFoundException.Missing.YEAR,
                    "no data for " + year + "; years loaded: " + fiches.loadedYears());
        }
        Files.createDirectories(out);
        // each région's and France's fiche is read once, although every département's page shows them
        Map<String, Fiche> read = new HashMap<>();
        List<PageRenderer.IndexRow> rows = new ArrayList<>();
        List<Path> pages = new ArrayList<>();
        for (TerritoryIndex.Entry t : all) {
            Fiche fiche = read.computeIfAbsent(t.geo(), geo -> fiches.fiche(geo, year, level));
            FichePage page = FichePage.of(fiche, geo -> read.computeIfAbsent(geo, g -> fiches.fiche(g, year, level)));
            Path file = out.resolve(fileName(t.slug(), year));
            Files.writeString(file, renderer.fiche(page, assets.inline(), INDEX), StandardCharsets.UTF_8);
            pages.add(file);
            rows.add(new PageRenderer.IndexRow(t, List.of(new PageRenderer.Link(String.valueOf(year), file.getFileName().toString()))));
        }
        Files.writeString(out.resolve(INDEX), renderer.index("Commerce extérieur des territoires, " + year, rows, assets.inline()),
                StandardCharsets.UTF_8);
        return new Result(pages.size(), pdf == null ? 0 : printAll(pages, pdf));
    }

    /** Several Chromiums at once: each spends most of its few seconds starting and waiting, not computing. */
    private static int printAll(List<Path> pages, ChromiumPdf pdf) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(2 * Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> printed = new ArrayList<>();
            for (Path page : pages) {
                Path target = page.resolveSibling(page.getFileName().toString().replaceFirst("\\.html$", ".pdf"));
                printed.add(pool.submit(() -> {
                    pdf.print(page, target);
                    return null;
                }));
            }
            for (Future<?> f : printed) {
                f.get();
            }
            return printed.size();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while printing the PDFs", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
