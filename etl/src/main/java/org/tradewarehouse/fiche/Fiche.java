package org.tradewarehouse.fiche;

import java.util.List;

/**
 * The data of one "commerce extérieur" fiche: a public contract (docs/FICHE.md), also served as JSON by the web
 * page. Values in euros, shares as fractions; null where a figure does not apply (a région's share of its région)
 * or is not known (the previous year when it is not loaded).
 */
public record Fiche(Territory geo, int year, String productLevel, FlowTotal exports, FlowTotal imports,
                    List<Partner> partners, Products products, Sankeys sankey, Trend trend, Exposure exposure,
                    Dependence dependence, UsExposure usExposure, Specialisation specialisation) {

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

    /** Every quarter the warehouse holds up to the fiche's year's last, oldest first. */
    public record Trend(List<Quarter> quarters) {
    }

    /** A flow's trade in the quarter, null when that slice of the quarter is not loaded. */
    public record Quarter(int year, int quarter, Long exportsEur, Long importsEur) {
    }

    /** The territory's partner shares per flow, and France's beside them. */
    public record Exposure(PartnerShares exports, PartnerShares imports, NationalExposure france) {
    }

    public record NationalExposure(PartnerShares exports, PartnerShares imports) {
    }

    /**
     * Parts of a flow with the United States, China and the 26 other member states of the EU-27, and the concentration
     * of its partners (Herfindahl–Hirschman index, 0 to 1); null when the flow is 0.
     */
    public record PartnerShares(Double shareUnitedStates, Double shareChina, Double shareEu27, Double partnerConcentration) {
    }

    public record Dependence(List<Supplier> imports) {
    }

    /** One of the top 10 imported products: the country supplying the most of it, and its share of the product. */
    public record Supplier(String product, String topCountry, String topCountryName, Double topCountryShare) {
    }

    public record UsExposure(List<UsShare> exports) {
    }

    /** One of the top 10 exported products: the part of it going to the United States. */
    public record UsShare(String product, Double shareUnitedStates) {
    }

    public record Specialisation(List<ProductIndex> exports) {
    }

    /** One of the top 10 exported products: its share of the territory's exports over its share of France's. */
    public record ProductIndex(String product, Double index) {
    }

    public static final String OTHERS = "AUTRES";
}
