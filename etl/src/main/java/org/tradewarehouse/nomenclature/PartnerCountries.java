package org.tradewarehouse.nomenclature;

import java.util.Set;

/** Partner codes of the customs' country nomenclature (Libelle_PAYS), close to ISO 3166 alpha-2. */
public final class PartnerCountries {

    /**
     * The 27 member states since the United Kingdom left on 2020-02-01. Greece is GR in the customs'
     * files (Eurostat writes EL). FR is a member, but as a partner code it means French goods returned:
     * callers check {@link #isSpecialCode} first.
     */
    private static final Set<String> EU27 = Set.of(
            "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
            "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private static final Set<String> SPECIAL = Set.of(
            "FR", // French goods returned to France (the partner is France itself)
            "QU", // countries and territories not determined
            "QR", // ship and aircraft supplies (avitaillement et soutage), intra-EU trade
            "QS", // ship and aircraft supplies (avitaillement et soutage), trade with non-EU countries
            "QP", // high seas (haute mer): goods taken or delivered outside any territory
            "QQ", // customs' automatic corrections (autocorrections), not a place
            "XC", // Ceuta: Spanish, but outside the EU customs and statistical territory
            "XL"); // Melilla: likewise

    private PartnerCountries() {
    }

    public static boolean isEu27(String code) {
        return EU27.contains(code);
    }

    /** True for codes that are not an ordinary foreign country: they need their own treatment in rankings. */
    public static boolean isSpecialCode(String code) {
        return SPECIAL.contains(code);
    }
}
