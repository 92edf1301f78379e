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
 * compared with (null when the territory is the région itself or France; the live page reads only their year's
 * figures, FicheService.comparison).
 */
public record FichePage(Fiche fiche, Fiche region, Fiche france) {

    /** A territory the page's Sankeys are compared with: key "region" or "france", as in the page's data block. */
    public record Comparison(String key, String label, Fiche fiche) {
    }

    /** One Sankey link, read in the flow's direction: export product → country, import country → product. */
    public record SankeyRow(String from, String to, long valueEur, boolean highlight) {
    }

    /** One of the top imported products with its main supplier. */
    public record SupplierRow(String code, String name, String country, Double share) {
    }

    /** One of the top exported products with its part going to the United States and its specialisation index. */
    public record ExportRow(String code, String name, Double shareUnitedStates, Double index) {
    }

    /** One line of the exposure table: a partner's share (or the concentration) of each flow, the territory's and France's. */
    public record ExposureRow(String label, boolean share, Double exports, Double franceExports, Double imports,
                              Double franceImports) {
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

    public boolean national() {
        return fiche.geo().code().equals("fr");
    }

    public List<ExposureRow> exposureRows() {
        Fiche.Exposure e = fiche.exposure();
        return List.of(exposureRow("États-Unis", true, e, Fiche.PartnerShares::shareUnitedStates),
                exposureRow("Chine", true, e, Fiche.PartnerShares::shareChina),
                exposureRow("Union européenne (26 autres membres)", true, e, Fiche.PartnerShares::shareEu27),
                exposureRow("Indice de concentration des partenaires", false, e, Fiche.PartnerShares::partnerConcentration));
    }

    private static ExposureRow exposureRow(String label, boolean share, Fiche.Exposure e, Function<Fiche.PartnerShares, Double> figure) {
        return new ExposureRow(label, share, figure.apply(e.exports()), figure.apply(e.france().exports()),
                figure.apply(e.imports()), figure.apply(e.france().imports()));
    }

    /** The top imported products, each with the country supplying the most of it. */
    public List<SupplierRow> suppliers() {
        Map<String, String> products = productNames(fiche.products().imports());
        return fiche.dependence().imports().stream()
                .map(s -> new SupplierRow(s.product(), products.get(s.product()), s.topCountryName(), s.topCountryShare()))
                .toList();
    }

    /** The top exported products: usExposure and specialisation list the same products in the same order. */
    public List<ExportRow> exportExposure() {
        Map<String, String> products = productNames(fiche.products().exports());
        List<Fiche.UsShare> us = fiche.usExposure().exports();
        List<Fiche.ProductIndex> indices = fiche.specialisation().exports();
        List<ExportRow> rows = new ArrayList<>();
        for (int i = 0; i < us.size(); i++) {
            rows.add(new ExportRow(us.get(i).product(), products.get(us.get(i).product()), us.get(i).shareUnitedStates(),
                    indices.get(i).index()));
        }
        return rows;
    }

    private static Map<String, String> productNames(List<Fiche.Product> products) {
        return products.stream().collect(Collectors.toMap(Fiche.Product::code, Fiche.Product::name));
    }

    private static Map<String, String> names(List<Fiche.Node> nodes) {
        return nodes.stream().collect(Collectors.toMap(Fiche.Node::code, Fiche.Node::name));
    }
}
