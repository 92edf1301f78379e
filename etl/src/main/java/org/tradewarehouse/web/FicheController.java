package org.tradewarehouse.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tradewarehouse.fiche.Fiche;
import org.tradewarehouse.fiche.FicheService;
import org.tradewarehouse.fiche.ProductLevel;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The territories' index, each fiche as a page, and its data as JSON (the contract of the fiche command). */
@RestController
class FicheController {

    static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final FicheService fiches;
    private final TerritoryIndex territories;
    private final PageRenderer renderer;
    private final PageAssets assets;
    private final JsonMapper json;

    FicheController(FicheService fiches, TerritoryIndex territories, PageRenderer renderer, PageAssets assets,
                           JsonMapper json) {
        this.fiches = fiches;
        this.territories = territories;
        this.renderer = renderer;
        this.assets = assets;
        this.json = json;
    }

    @GetMapping("/")
    public ResponseEntity<String> index() {
        List<PageRenderer.IndexRow> rows = territories.all().stream()
                .map(t -> new PageRenderer.IndexRow(t, t.years().stream()
                        .map(y -> new PageRenderer.Link(String.valueOf(y), "/fiches/" + t.slug() + "/" + y)).toList()))
                .toList();
        return html(renderer.index("Commerce extérieur des territoires", rows, assets.linked()));
    }

    @GetMapping("/fiches/{geo}/{year}")
    public ResponseEntity<String> page(@PathVariable String geo, @PathVariable int year,
                                       @RequestParam(defaultValue = "a129") String level) {
        Fiche fiche = fiche(geo, year, level);
        ProductLevel productLevel = ProductLevel.valueOf(fiche.productLevel());
        // the région's and France's Sankeys only: their fiches without the figures beyond the year
        FichePage page = FichePage.of(fiche, other -> fiches.comparison(other, year, productLevel));
        return html(renderer.fiche(page, assets.linked(), "/"));
    }

    @GetMapping("/api/fiches/{geo}/{year}")
    public ResponseEntity<String> api(@PathVariable String geo, @PathVariable int year,
                                      @RequestParam(defaultValue = "a129") String level) {
        // the same mapper as the fiche command, so both give the same JSON
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(fiche(geo, year, level)));
    }

    private Fiche fiche(String slug, int year, String level) {
        ProductLevel productLevel;
        try {
            productLevel = ProductLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw new UnknownLevelException(e.getMessage());
        }
        return fiches.fiche(GeoSlug.toGeo(slug), year, productLevel);
    }

    static class UnknownLevelException extends RuntimeException {
        UnknownLevelException(String message) {
            super(message);
        }
    }

    static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(HTML).body(page);
    }
}
