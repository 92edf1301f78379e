package org.tradewarehouse.fiche;

import java.util.List;

/**
 * The data of one "commerce extérieur" fiche: a public contract (docs/FICHE.md), also served as JSON by the web
 * page. Values in euros, shares as fractions; null where a figure does not apply (a région's share of its région)
 * or is not known (the previous year when it is not loaded).
 */
public record Fiche(Territory geo, int year, String productLevel, FlowTotal exports, FlowTotal imports,
                    List<Partner> partners, Products products, Sankeys sankey) {

    public record Territory(String code, String name, Region region) {
    }

    public record Region(String code, String name) {
    }

    public record FlowTotal(long totalEur, Double shareOfRegion, Double shareOfFrance, Long previousYearEur) {
    }

    public record Partner(String country, String name, long importsEur, long exportsEur, long balanceEur,
                          Long previousImportsEur, Long previousExportsEur) {
    }

    public record Products(List<Product> exports, List<Product> imports) {
    }

    /** One of the top 10 products of a flow, or the last entry, code AUTRES, for all the others. */
    public record Product(String code, String name, long valueEur, double share, Long previousYearEur) {
    }

    public record Sankeys(Sankey exports, Sankey imports) {
    }

    /** Top 10 products and countries of the flow (plus AUTRES on each side) and the links between them. */
    public record Sankey(List<Node> products, List<Node> countries, List<Link> links) {
    }

    public record Node(String code, String name) {
    }

    public record Link(String product, String country, long valueEur, boolean highlight) {
    }

    public static final String OTHERS = "AUTRES";
}
