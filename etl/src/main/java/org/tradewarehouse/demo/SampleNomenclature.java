package org.tradewarehouse.demo;

import java.util.List;

/**
 * Hand-written nomenclature subset for the sample publication.
 *
 * <p>Codes are real (DGDDI département/région codes, CPF rev. 2.1 classes with their NA 2008 A129 group,
 * EU partner codes); labels are written here, not taken from a customs annex. Sizes and shares are
 * invented orders of magnitude that only shape the random data.
 */
final class SampleNomenclature {

    /** Still valid, in the annexes' {@code Fin AAAAMM} column. */
    static final int OPEN_END = 999912;

    /**
     * A DGDDI département with its DGDDI région (not INSEE's) and a rough yearly export size in M€, which shapes the
     * draw; the totals are then scaled to the published ones (the départements outside Nouvelle-Aquitaine stand for all
     * of the rest of France), see {@link SampleCalibration}.
     */
    record Departement(String code, String label, String regionCode, String regionLabel, double exportsMEur) {
    }

    record A129Group(String code, String label) {
    }

    record Product(String cpf4, String a129, String label) {
    }

    /** One row of the partner annex; {@code share} weights the draws (0 for superseded periods). */
    record Country(String code, String label, int from, int to, double share) {
        boolean current() {
            return to == OPEN_END;
        }
    }

    private static final String NOUVELLE_AQUITAINE = "Nouvelle-Aquitaine";
    private static final String ILE_DE_FRANCE = "Ile-de-France";
    private static final String PACA = "Provence-Alpes-Côte d'Azur";

    /** 12 départements in 5 DGDDI régions; 20 is all of Corse, 9A Guadeloupe in région 24 (DOM), 99 Monaco counted in PACA. */
    static final List<Departement> DEPARTEMENTS = List.of(
            new Departement("16", "Charente", "09", NOUVELLE_AQUITAINE, 3_500),
            new Departement("33", "Gironde", "09", NOUVELLE_AQUITAINE, 9_000),
            new Departement("64", "Pyrénées-Atlantiques", "09", NOUVELLE_AQUITAINE, 6_000),
            new Departement("87", "Haute-Vienne", "09", NOUVELLE_AQUITAINE, 1_100),
            new Departement("75", "Paris", "03", ILE_DE_FRANCE, 25_000),
            new Departement("92", "Hauts-de-Seine", "03", ILE_DE_FRANCE, 30_000),
            new Departement("95", "Val-d'Oise", "03", ILE_DE_FRANCE, 9_000),
            new Departement("06", "Alpes-Maritimes", "21", PACA, 3_000),
            new Departement("13", "Bouches-du-Rhône", "21", PACA, 17_000),
            new Departement("99", "Principauté de Monaco", "21", PACA, 600),
            new Departement("20", "Corse", "22", "Corse", 120),
            new Departement("9A", "Guadeloupe", "24", "DOM", 250));

    /** The A129 groups that {@link #PRODUCTS} use; C32A's label carries a ';' so it gets quoted. */
    static final List<A129Group> A129_GROUPS = List.of(
            new A129Group("A01Z", "Produits de l’agriculture et de l’élevage"),
            new A129Group("B06Z", "Pétrole brut et gaz naturel"),
            new A129Group("C10A", "Viandes et préparations à base de viande"),
            new A129Group("C11Z", "Boissons"),
            new A129Group("C15Z", "Cuirs, articles de voyage et chaussures"),
            new A129Group("C16Z", "Bois et ouvrages en bois"),
            new A129Group("C17A", "Pâtes, papiers et cartons"),
            new A129Group("C20B", "Parfums, cosmétiques et produits d’entretien"),
            new A129Group("C21Z", "Produits pharmaceutiques"),
            new A129Group("C22A", "Ouvrages en caoutchouc"),
            new A129Group("C23B", "Céramiques, matériaux de construction et autres produits minéraux"),
            new A129Group("C26A", "Composants et cartes électroniques"),
            new A129Group("C27B", "Matériels électriques"),
            new A129Group("C28A", "Machines d'usage général"),
            new A129Group("C29A", "Véhicules automobiles"),
            new A129Group("C29B", "Équipements et pièces pour automobiles"),
            new A129Group("C30C", "Aéronautique et spatial"),
            new A129Group("C32A", "Bijouterie ; instruments de musique"));

    /**
     * 21 CPF4 classes, sorted by code. Accents, 'œ' and '’' make the Windows-1252 annex differ from
     * both UTF-8 and ISO-8859-1; 1511 and 2211 carry a ';' so they get quoted.
     */
    static final List<Product> PRODUCTS = List.of(
            new Product("0111", "A01Z", "Céréales, légumineuses et graines oléagineuses (hors riz)"),
            new Product("0147", "A01Z", "Volailles vivantes et œufs"),
            new Product("0620", "B06Z", "Gaz naturel à l’état gazeux ou liquéfié"),
            new Product("1011", "C10A", "Viandes de boucherie et abats"),
            new Product("1101", "C11Z", "Eaux-de-vie et autres boissons distillées"),
            new Product("1102", "C11Z", "Vins de raisin"),
            new Product("1511", "C15Z", "Cuirs tannés et apprêtés ; pelleteries apprêtées et teintes"),
            new Product("1512", "C15Z", "Articles de maroquinerie, de voyage et de sellerie"),
            new Product("1610", "C16Z", "Bois sciés, rabotés ou imprégnés"),
            new Product("1712", "C17A", "Papiers et cartons"),
            new Product("2042", "C20B", "Parfums, cosmétiques et produits de toilette"),
            new Product("2120", "C21Z", "Préparations pharmaceutiques et médicaments"),
            new Product("2211", "C22A", "Pneumatiques ; rechapage et resculptage de pneumatiques"),
            new Product("2341", "C23B", "Porcelaine et céramique de table ou d'ornement"),
            new Product("2611", "C26A", "Composants électroniques"),
            new Product("2712", "C27B", "Appareillage électrique de distribution et de commande"),
            new Product("2811", "C28A", "Moteurs et turbines (sauf pour avions, automobiles et motocycles)"),
            new Product("2910", "C29A", "Véhicules automobiles"),
            new Product("2932", "C29B", "Pièces et accessoires pour véhicules automobiles"),
            new Product("3030", "C30C", "Aéronefs, engins spatiaux et leurs équipements"),
            new Product("3212", "C32A", "Bijoux, joaillerie et orfèvrerie"));

    /**
     * Partner annex rows, sorted by code. QU appears twice with different validity periods, as in the
     * real annex, so a loader must pick the label valid for the data's period. FR = French goods returned.
     */
    static final List<Country> COUNTRIES = List.of(
            new Country("BE", "Belgique", 190001, OPEN_END, 0.090),
            new Country("CH", "Suisse", 190001, OPEN_END, 0.050),
            new Country("CN", "Chine", 190001, OPEN_END, 0.050),
            new Country("DE", "Allemagne", 190001, OPEN_END, 0.140),
            new Country("ES", "Espagne", 190001, OPEN_END, 0.080),
            new Country("FR", "France", 190001, OPEN_END, 0.004),
            new Country("GB", "Royaume-Uni", 190001, OPEN_END, 0.060),
            new Country("IT", "Italie", 190001, OPEN_END, 0.080),
            new Country("JP", "Japon", 190001, OPEN_END, 0.020),
            new Country("MA", "Maroc", 190001, OPEN_END, 0.015),
            new Country("NL", "Pays-Bas", 190001, OPEN_END, 0.050),
            new Country("PL", "Pologne", 190001, OPEN_END, 0.025),
            new Country("QU", "Pays NDA", 190001, 199912, 0.0),
            new Country("QU", "Pays et territoires non déterminés", 201201, OPEN_END, 0.002),
            new Country("TR", "Turquie", 190001, OPEN_END, 0.015),
            new Country("US", "États-Unis", 190001, OPEN_END, 0.080));

    /** Partners that data rows may carry: one row per code, the currently valid one. */
    static final List<Country> PARTNERS = COUNTRIES.stream().filter(Country::current).toList();

    private SampleNomenclature() {
    }
}
