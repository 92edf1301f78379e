package org.tradewarehouse.web;

import org.tradewarehouse.fiche.FrenchFormat;

import static org.tradewarehouse.fiche.FrenchFormat.Style.WEB;

/** The page's numbers in French typography (1 109,1 M€, 4,2 %), for the templates. */
public class WebFormat {

    public String meur(long euros) {
        return FrenchFormat.millions(euros, WEB) + "\u00a0M€";
    }

    public String share(double fraction) {
        return FrenchFormat.share(fraction, WEB);
    }

    /** A share that may be unknown (a denominator of 0): "n.d." then. */
    public String optionalShare(Double fraction) {
        return FrenchFormat.share(fraction, WEB);
    }

    /** An index or a concentration, two decimals: "1,35"; "n.d." for null. */
    public String ratio(Double value) {
        return FrenchFormat.ratio(value, WEB);
    }

    /** A quarter's value, "non chargé" for a quarter and flow not loaded. */
    public String optionalMeur(Long euros) {
        return euros == null ? "non chargé" : meur(euros);
    }

    public String change(long now, long before) {
        return FrenchFormat.change(now, before, WEB);
    }
}
