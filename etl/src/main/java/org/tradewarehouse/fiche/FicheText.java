package org.tradewarehouse.fiche;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.tradewarehouse.fiche.FrenchFormat.change;
import static org.tradewarehouse.fiche.FrenchFormat.millions;
import static org.tradewarehouse.fiche.FrenchFormat.share;

/** The fiche as a readable report in French, in the order of the published fiche. */
public final class FicheText {

    private FicheText() {
    }

    /** Sankey links printed after the 5 highlighted flows of each Sankey, unless told otherwise. */
    public static final int DEFAULT_LINKS = 10;
    /** For {@link #render(Fiche, int)}: every link. */
    public static final int ALL_LINKS = Integer.MAX_VALUE;

    /** With the 5 highlighted flows of each Sankey and the {@value #DEFAULT_LINKS} largest other links. */
    public static String render(Fiche f) {
        return render(f, DEFAULT_LINKS);
    }

    /**
     * links: how many of each Sankey's links to print after its 5 highlighted flows, largest first
     * ({@link #ALL_LINKS} for all of them).
     */
    public static String render(Fiche f, int links) {
        if (links < 0) {
            throw new IllegalArgumentException("links must be 0 or more: " + links);
        }
        StringBuilder b = new StringBuilder();
        b.append("Commerce extérieur — ").append(f.geo().name()).append(" (").append(f.geo().code()).append("), ")
                .append(f.year()).append('\n');
        if (f.geo().region() != null) {
            b.append("Région : ").append(f.geo().region().name()).append('\n');
        }
        b.append('\n');
        total(b, "Total des exportations", "exportée", f, f.exports());
        total(b, "Total des importations", "importée", f, f.imports());

        b.append("\nPrincipaux pays à l'import et à l'export (millions d'euros)\n");
        b.append(String.format(Locale.ROOT, "%-4s %-32s %12s %12s %12s%n", "", "pays", "importations", "exportations", "balance"));
        int rank = 1;
        for (Fiche.Partner p : f.partners()) {
            b.append(String.format(Locale.ROOT, "%3d. %-32s %12s %12s %12s%n", rank++, truncate(p.name(), 32),
                    millions(p.importsEur()), millions(p.exportsEur()),
                    (p.balanceEur() > 0 ? "+" : "") + millions(p.balanceEur())));
        }
        products(b, "exportés", f.products().exports(), f.productLevel());
        products(b, "importés", f.products().imports(), f.productLevel());
        sankey(b, "Flux à l'export par produit et par pays", f.sankey().exports(), true, links);
        sankey(b, "Flux à l'import par pays et par produit", f.sankey().imports(), false, links);
        FicheExposureText.render(b, f);
        b.append("\nSource : DGDDI, données départementales et régionales du commerce extérieur (valeurs CAF à l'import,"
                + " FAB à l'export), lieu de dédouanement.\n");
        return b.toString();
    }

    private static void total(StringBuilder b, String title, String verb, Fiche f, Fiche.FlowTotal t) {
        b.append(title).append(" : ").append(millions(t.totalEur())).append(" millions d'euros");
        if (t.previousYearEur() != null) {
            b.append(" (").append(change(t.totalEur(), t.previousYearEur())).append(" sur un an)");
        }
        b.append('\n');
        if (t.shareOfRegion() != null && f.geo().region() != null) {
            b.append("  soit ").append(share(t.shareOfRegion())).append(" de la valeur ").append(verb)
                    .append(" par la région ").append(f.geo().region().name()).append('\n');
        }
        if (t.shareOfFrance() != null) {
            b.append("  soit ").append(share(t.shareOfFrance())).append(" de la valeur ").append(verb)
                    .append(" au niveau national\n");
        }
    }

    private static void products(StringBuilder b, String verb, List<Fiche.Product> products, String level) {
        b.append("\nPrincipaux biens ").append(verb).append(" (").append(level).append(", millions d'euros)\n");
        for (Fiche.Product p : products) {
            b.append(String.format(Locale.ROOT, "  %-6s %-50s %12s %8s%n", p.code(), truncate(p.name(), 50),
                    millions(p.valueEur()), share(p.share())));
        }
    }

    /**
     * The 5 highlighted flows, then the next largest links, as "product → country" for exports and
     * "country → product" for imports (the published fiche's left and right), with the nodes' names.
     */
    private static void sankey(StringBuilder b, String title, Fiche.Sankey s, boolean productFirst, int links) {
        Map<String, String> products = s.products().stream().collect(Collectors.toMap(Fiche.Node::code, Fiche.Node::name));
        Map<String, String> countries = s.countries().stream().collect(Collectors.toMap(Fiche.Node::code, Fiche.Node::name));
        Comparator<Fiche.Link> largestFirst = Comparator.comparingLong(Fiche.Link::valueEur).reversed()
                .thenComparing(Fiche.Link::product).thenComparing(Fiche.Link::country);
        List<Fiche.Link> highlighted = s.links().stream().filter(Fiche.Link::highlight).sorted(largestFirst).toList();
        List<Fiche.Link> others = s.links().stream().filter(l -> !l.highlight()).sorted(largestFirst).toList();
        List<Fiche.Link> shown = others.subList(0, Math.min(links, others.size()));

        b.append('\n').append(title).append(" (millions d'euros)\n");
        b.append("  Les ").append(highlighted.size()).append(" principaux flux\n");
        highlighted.forEach(l -> link(b, l, products, countries, productFirst));
        if (!shown.isEmpty()) {
            b.append(shown.size() == others.size() ? "  Les " + others.size() + " autres liens\n"
                    : "  Les " + shown.size() + " liens suivants\n");
            shown.forEach(l -> link(b, l, products, countries, productFirst));
        }
        int left = others.size() - shown.size();
        if (left > 0) {
            b.append("  … et ").append(left).append(left == 1 ? " autre lien" : " autres liens")
                    .append(" (--links all pour les afficher tous)\n");
        }
    }

    private static void link(StringBuilder b, Fiche.Link l, Map<String, String> products, Map<String, String> countries,
                             boolean productFirst) {
        String product = String.format(Locale.ROOT, "%-6s %s", l.product(), truncate(products.getOrDefault(l.product(), ""), 34));
        String country = truncate(countries.getOrDefault(l.country(), l.country()), 24);
        b.append(productFirst
                ? String.format(Locale.ROOT, "    %-41s → %-24s %10s%n", product, country, millions(l.valueEur()))
                : String.format(Locale.ROOT, "    %-24s → %-41s %10s%n", country, product, millions(l.valueEur())));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
