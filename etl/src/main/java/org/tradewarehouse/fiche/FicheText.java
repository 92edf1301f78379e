package org.tradewarehouse.fiche;

import java.util.List;
import java.util.Locale;

import static org.tradewarehouse.fiche.FrenchFormat.change;
import static org.tradewarehouse.fiche.FrenchFormat.millions;
import static org.tradewarehouse.fiche.FrenchFormat.share;

/** The fiche as a readable report in French, in the order of the published fiche. */
public final class FicheText {

    private FicheText() {
    }

    public static String render(Fiche f) {
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
        sankey(b, "Flux à l'export par produit et par pays", f.sankey().exports(), " → ");
        sankey(b, "Flux à l'import par pays et par produit", f.sankey().imports(), " ← ");
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

    private static void sankey(StringBuilder b, String title, Fiche.Sankey s, String arrow) {
        b.append('\n').append(title).append(" (les 5 principaux flux marqués *, millions d'euros)\n");
        for (Fiche.Link l : s.links()) {
            b.append(String.format(Locale.ROOT, "  %s %-6s%s%-6s %12s%n", l.highlight() ? "*" : " ", l.product(), arrow,
                    l.country(), millions(l.valueEur())));
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
