package org.tradewarehouse.fiche;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as the fiche prints them: millions of euros with one decimal (1 109.1), shares to two significant digits (4.2 %, 0.19 %). */
public final class FrenchFormat {

    private FrenchFormat() {
    }

    public static String millions(long euros) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        symbols.setDecimalSeparator('.');
        DecimalFormat format = new DecimalFormat("#,##0.0", symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(BigDecimal.valueOf(euros).movePointLeft(6));
    }

    /** A fraction as a percentage with two significant digits: 0.0416 gives "4.2 %". */
    public static String share(double fraction) {
        if (fraction == 0) {
            return "0 %";
        }
        BigDecimal percent = BigDecimal.valueOf(fraction).movePointRight(2).round(new MathContext(2, RoundingMode.HALF_UP));
        if (percent.precision() < 2) {
            percent = percent.setScale(percent.scale() + 2 - percent.precision()); // 4 -> 4.0
        }
        return percent.toPlainString() + " %";
    }

    /** Change from the previous year, signed, in percent with one decimal: "+5.6 %". */
    public static String change(long now, long before) {
        if (before == 0) {
            return "n.s.";
        }
        double percent = (now - before) * 100.0 / before;
        return String.format(Locale.ROOT, "%+.1f %%", percent);
    }
}
