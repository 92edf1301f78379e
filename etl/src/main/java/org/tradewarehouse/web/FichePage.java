package org.tradewarehouse.web;

import org.tradewarehouse.fiche.Fiche;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the fiche page shows: the territory's fiche, and the fiches of its région and of France whose Sankeys it is
 * compared with (null when the territory is the région itself or France).
 */
public record FichePage(Fiche fiche, Fiche region, Fiche france) {

    /** A territory the page's Sankeys are compared with: key "region" or "france", as in the page's data block. */
    public record Comparison(String key, String label, Fiche fiche) {
    }

    /** One Sankey link, read in the flow's direction: export product → country, import country → product. */
    public record SankeyRow(String from, String to, long valueEur, boolean highlight) {
    }

    /**
     * The page for {@code fiche}; {@code load} gives the fiche of another territory (same year and level),
     * so an export can load each région and France once.
     */
    public static FichePage of(Fiche fiche, Function<String, Fiche> load) {
        Fiche region = fiche.geo().region() == null ? null : load.apply(fiche.geo().region().code());
        Fiche france = fiche.geo().code().equals("fr") ? null : load.apply("fr");
        return new FichePage(fiche, region, france);
    }

    public String slug() {
        return GeoSlug.of(fiche.geo().code());
    }

    public List<Comparison> comparisons() {
        List<Comparison> list = new ArrayList<>();
        if (region != null) {
            list.add(new Comparison("region", region.geo().name(), region));
        }
        if (france != null) {
            list.add(new Comparison("france", "France entière", france));
        }
        return list;
    }

    /** The data block of the page, read by the chart script. */
    public Map<String, Fiche> data() {
        Map<String, Fiche> data = new LinkedHashMap<>();
        data.put("fiche", fiche);
        data.put("region", region);
        data.put("france", france);
        return data;
    }

    public String levelLabel() {
        return TerritoryIndex.levelLabel(fiche.geo().code());
    }

    /** The links of {@code fiche}'s Sankey for {@code flow} ("exports" or "imports") with the nodes' names. */
    public List<SankeyRow> sankeyRows(Fiche fiche, String flow) {
        boolean exports = flow.equals("exports");
        Fiche.Sankey sankey = exports ? fiche.sankey().exports() : fiche.sankey().imports();
        Map<String, String> products = names(sankey.products());
        Map<String, String> countries = names(sankey.countries());
        return sankey.links().stream().map(l -> exports
                        ? new SankeyRow(products.get(l.product()), countries.get(l.country()), l.valueEur(), l.highlight())
                        : new SankeyRow(countries.get(l.country()), products.get(l.product()), l.valueEur(), l.highlight()))
                .toList();
    }

    private static Map<String, String> names(List<Fiche.Node> nodes) {
        return nodes.stream().collect(Collectors.toMap(Fiche.Node::code, Fiche.Node::name));
    }
}
