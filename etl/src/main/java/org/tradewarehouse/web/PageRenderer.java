package org.tradewarehouse.web;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one rendering path of the pages, for the live site and the static export alike: the fiche's data goes into
 * the page as a JSON block read by the chart script; only the assets (linked or inlined) and the links differ.
 */
@Component
public class PageRenderer {

    /** A link to one fiche of a territory. */
    public record Link(String text, String href) {
    }

    /** A line of the index: a territory and its fiches. */
    public record IndexRow(TerritoryIndex.Entry territory, List<Link> fiches) {
    }

    private static final WebFormat FORMAT = new WebFormat();

    private final ITemplateEngine templates;
    private final JsonMapper json;

    public PageRenderer(ITemplateEngine templates, JsonMapper json) {
        this.templates = templates;
        this.json = json;
    }

    public String fiche(FichePage page, PageAssets.Assets assets, String homeHref) {
        // "<" escaped so that no string of the data can end the script element
        String data = json.writeValueAsString(page.data()).replace("<", "\\u003c");
        return render("fiche", Map.of("page", page, "f", page.fiche(), "data", data, "assets", assets, "home", homeHref));
    }

    public String index(String title, List<IndexRow> rows, PageAssets.Assets assets) {
        return render("index", Map.of("title", title, "rows", rows, "assets", assets));
    }

    /** An error page: what went wrong and a link back. */
    public String problem(String heading, String message, String homeHref) {
        return render("problem", Map.of("heading", heading, "message", message, "home", homeHref));
    }

    private String render(String template, Map<String, Object> variables) {
        Context context = new Context(Locale.FRENCH, variables);
        context.setVariable("fmt", FORMAT);
        return templates.process(template, context);
    }
}
