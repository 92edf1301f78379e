package org.tradewarehouse.fiche;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.tradewarehouse.fiche.FrenchFormat.millions;
import static org.tradewarehouse.fiche.FrenchFormat.ratio;

/** The text report's sections beyond the year's snapshot: the trend per quarter, the exposure and the dependences. */
final class FicheExposureText {

    /** What the concentration index says, in one sentence (the web page says the same). */
    static final String CONCENTRATION = "L'indice de concentration (Herfindahl-Hirschman) est la somme des carrés des parts"
            + " de chaque pays partenaire : proche de 0, les échanges sont répartis entre de nombreux pays ; égal à 1, ils"
            + " se font avec un seul.";

    private FicheExposureText() {
    }

    static void render(StringBuilder b, Fiche f) {
        trend(b, f.trend());
        exposure(b, f);
        dependence(b, f);
        exports(b, f);
    }

    private static void trend(StringBuilder b, Fiche.Trend trend) {
        b.append("\nÉvolution trimestrielle (millions d'euros ; n.d. : trimestre non chargé)\n");
        b.append(String.format(Locale.ROOT, "  %-10s %14s %14s%n", "trimestre", "exportations", "importations"));
        for (Fiche.Quarter q : trend.quarters()) {
            b.append(String.format(Locale.ROOT, "  %-10s %14s %14s%n", q.year() + "-T" + q.quarter(), eur(q.exportsEur()),
                    eur(q.importsEur())));
        }
    }

    private static void exposure(StringBuilder b, Fiche f) {
        Fiche.Exposure e = f.exposure();
        b.append("\nExposition : part des échanges avec chaque partenaire, comparée à la France\n");
        b.append(String.format(Locale.ROOT, "  %-36s %12s %12s %12s %12s%n", "", "export", "export", "import", "import"));
        b.append(String.format(Locale.ROOT, "  %-36s %12s %12s %12s %12s%n", "", "territoire", "France", "territoire", "France"));
        row(b, "États-Unis", Fiche.PartnerShares::shareUnitedStates, e, true);
        row(b, "Chine", Fiche.PartnerShares::shareChina, e, true);
        row(b, "Union européenne (26 autres membres)", Fiche.PartnerShares::shareEu27, e, true);
        row(b, "Concentration des partenaires", Fiche.PartnerShares::partnerConcentration, e, false);
        b.append("  ").append(CONCENTRATION).append('\n');
    }

    private static void row(StringBuilder b, String label, Function<Fiche.PartnerShares, Double> figure, Fiche.Exposure e,
                            boolean share) {
        Function<Double, String> format = share ? v -> FrenchFormat.share(v, FrenchFormat.Style.FICHE) : FrenchFormat::ratio;
        b.append(String.format(Locale.ROOT, "  %-36s %12s %12s %12s %12s%n", label, format.apply(figure.apply(e.exports())),
                format.apply(figure.apply(e.france().exports())), format.apply(figure.apply(e.imports())),
                format.apply(figure.apply(e.france().imports()))));
    }

    private static void dependence(StringBuilder b, Fiche f) {
        Map<String, String> names = names(f.products().imports());
        b.append("\nDépendance : premier pays fournisseur des principaux biens importés\n");
        for (Fiche.Supplier s : f.dependence().imports()) {
            b.append(String.format(Locale.ROOT, "  %-6s %-44s %-24s %8s%n", s.product(), truncate(names.get(s.product()), 44),
                    truncate(s.topCountryName() == null ? "n.d." : s.topCountryName(), 24),
                    FrenchFormat.share(s.topCountryShare(), FrenchFormat.Style.FICHE)));
        }
    }

    /** The top exported products with their part going to the United States and their specialisation index. */
    private static void exports(StringBuilder b, Fiche f) {
        Map<String, String> names = names(f.products().exports());
        b.append("\nPrincipaux biens exportés : part vers les États-Unis et indice de spécialisation (part du bien dans les"
                + " exportations du territoire rapportée à sa part dans celles de la France ; au-dessus de 1, le territoire"
                + " y est spécialisé)\n");
        b.append(String.format(Locale.ROOT, "  %-6s %-44s %12s %16s%n", "", "", "États-Unis", "spécialisation"));
        // the same products in the same order: the top exported products
        for (int i = 0; i < f.usExposure().exports().size(); i++) {
            Fiche.UsShare p = f.usExposure().exports().get(i);
            b.append(String.format(Locale.ROOT, "  %-6s %-44s %12s %16s%n", p.product(), truncate(names.get(p.product()), 44),
                    FrenchFormat.share(p.shareUnitedStates(), FrenchFormat.Style.FICHE),
                    ratio(f.specialisation().exports().get(i).index())));
        }
    }

    private static String eur(Long euros) {
        return euros == null ? "n.d." : millions(euros);
    }

    private static Map<String, String> names(List<Fiche.Product> products) {
        return products.stream().collect(Collectors.toMap(Fiche.Product::code, Fiche.Product::name));
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
