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

    public String change(long now, long before) {
        return FrenchFormat.change(now, before, WEB);
    }
}
