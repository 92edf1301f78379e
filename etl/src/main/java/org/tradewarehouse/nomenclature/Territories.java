package org.tradewarehouse.nomenclature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DGDDI geography mapped to INSEE's. The customs use their own région codes (09 = Nouvelle-Aquitaine,
 * INSEE 75), one département code for all of Corse (20), letter codes for the DOM (9A..9E, all in one
 * DGDDI région 24) and 99 for the Principauté de Monaco, which they count in PACA.
 */
public final class Territories {

    /** A DGDDI région with its INSEE counterpart; for a DOM département, the DOM's own INSEE région. */
    public record RegionRef(String dgddiCode, String inseeCode, String inseeName) {
    }

    /** DGDDI région 24 groups the five DOM, each of which is an INSEE région of its own. */
    private static final String DOM_REGION = "24";

    private static final Map<String, RegionRef> REGIONS = new HashMap<>();
    private static final Map<String, RegionRef> REGION_OF_DEPARTEMENT = new HashMap<>();
    private static final Map<String, List<String>> INSEE_DEPARTEMENTS = new HashMap<>();

    static {
        register("01", "32", "Hauts-de-France", "02", "59", "60", "62", "80");
        register("03", "11", "Île-de-France", "75", "77", "78", "91", "92", "93", "94", "95");
        register("04", "24", "Centre-Val de Loire", "18", "28", "36", "37", "41", "45");
        register("05", "28", "Normandie", "14", "27", "50", "61", "76");
        register("07", "53", "Bretagne", "22", "29", "35", "56");
        register("08", "52", "Pays de la Loire", "44", "49", "53", "72", "85");
        register("09", "75", "Nouvelle-Aquitaine",
                "16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87");
        register("12", "76", "Occitanie",
                "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82");
        register("13", "44", "Grand Est", "08", "10", "51", "52", "54", "55", "57", "67", "68", "88");
        register("16", "27", "Bourgogne-Franche-Comté", "21", "25", "39", "58", "70", "71", "89", "90");
        register("18", "84", "Auvergne-Rhône-Alpes",
                "01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74");
        RegionRef paca = register("21", "93", "Provence-Alpes-Côte d'Azur", "04", "05", "06", "13", "83", "84");
        departement("99", paca, List.of()); // Monaco: not French, no INSEE département, counted in PACA
        RegionRef corse = register("22", "94", "Corse");
        departement("20", corse, List.of("2A", "2B"));
        dom("9A", "971", "01", "Guadeloupe");
        dom("9B", "972", "02", "Martinique");
        dom("9C", "973", "03", "Guyane");
        dom("9D", "974", "04", "La Réunion");
        dom("9E", "976", "06", "Mayotte");
    }

    private Territories() {
    }

    /**
     * The INSEE région of a DGDDI région code. Empty for unknown codes and for 24 (DOM), which has
     * no single INSEE counterpart: use {@link #regionOfDepartement} for DOM rows.
     */
    public static Optional<RegionRef> region(String dgddiRegionCode) {
        return Optional.ofNullable(REGIONS.get(dgddiRegionCode));
    }

    /**
     * The région a DGDDI département belongs to: DGDDI code (to check a data row's région field)
     * and INSEE code and name (for a DOM, its own INSEE région 01..06 under DGDDI code 24).
     */
    public static Optional<RegionRef> regionOfDepartement(String dgddiDepCode) {
        return Optional.ofNullable(REGION_OF_DEPARTEMENT.get(dgddiDepCode));
    }

    /** INSEE région code of a DGDDI département: 01..06 for the DOM, 93 for Monaco (99), 94 for Corse (20). */
    public static Optional<String> inseeRegionOfDepartement(String dgddiDepCode) {
        return regionOfDepartement(dgddiDepCode).map(RegionRef::inseeCode);
    }

    /** INSEE départements behind a DGDDI code: 20 gives 2A and 2B; empty for Monaco (99) and unknown codes. */
    public static List<String> inseeDepartements(String dgddiDepCode) {
        return INSEE_DEPARTEMENTS.getOrDefault(dgddiDepCode, List.of());
    }

    /** Registers a région whose listed départements keep their INSEE number as DGDDI code. */
    private static RegionRef register(String dgddiCode, String inseeCode, String inseeName, String... departements) {
        RegionRef region = new RegionRef(dgddiCode, inseeCode, inseeName);
        REGIONS.put(dgddiCode, region);
        for (String dep : departements) {
            departement(dep, region, List.of(dep));
        }
        return region;
    }

    private static void dom(String dgddiDepCode, String inseeDepCode, String inseeRegionCode, String inseeName) {
        departement(dgddiDepCode, new RegionRef(DOM_REGION, inseeRegionCode, inseeName), List.of(inseeDepCode));
    }

    private static void departement(String dgddiDepCode, RegionRef region, List<String> inseeCodes) {
        REGION_OF_DEPARTEMENT.put(dgddiDepCode, region);
        INSEE_DEPARTEMENTS.put(dgddiDepCode, inseeCodes);
    }
}
