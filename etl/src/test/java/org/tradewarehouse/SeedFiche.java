package org.tradewarehouse;

/** The lines of the published Haute-Vienne 2024 fiche that the demo's sample and the shared generator reproduce. */
public final class SeedFiche {

    public static final String[] HAUTE_VIENNE_2024_TOTALS = {
            "Total des exportations : 1 109.1 millions d'euros",
            "soit 4.2 % de la valeur exportée par la région Nouvelle-Aquitaine",
            "soit 0.19 % de la valeur exportée au niveau national",
            "Total des importations : 755.9 millions d'euros",
            "soit 2.7 % de la valeur importée par la région Nouvelle-Aquitaine",
            "soit 0.11 % de la valeur importée au niveau national"};

    private SeedFiche() {
    }
}
