package org.tradewarehouse.fiche;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as the fiche prints them: millions of euros with one decimal, shares to two significant digits.
 * Two styles: {@link Style#FICHE} copies the published fiche (1 109.1, 4.2 %); {@link Style#WEB} is French
 * typography for the web page (1 109,1 and 4,2 %, with non-breaking spaces so a number never wraps).
 */
public final class FrenchFormat {

    public enum Style {
        FICHE('.', ' '), WEB(',', '\u00a0');

        final char decimal;
        /** Between thousands, and between a number and its unit. */
        final char space;

        Style(char decimal, char space) {
            this.decimal = decimal;
            this.space = space;
        }
    }

    private FrenchFormat() {
    }

    public static String millions(long euros) {
        return millions(euros, Style.FICHE);
    }

    public static String millions(long euros, Style style) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(style.space);
        symbols.setDecimalSeparator(style.decimal);
        DecimalFormat format = new DecimalFormat("#,##0.0", symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(BigDecimal.valueOf(euros).movePointLeft(6));
    }

    /** A fraction as a percentage with two significant digits: 0.0416 gives "4.2 %". */
    public static String share(double fraction) {
        return share(fraction, Style.FICHE);
    }

    public static String share(double fraction, Style style) {
        if (fraction == 0) {
            return "0" + style.space + "%";
        }
        BigDecimal percent = BigDecimal.valueOf(fraction).movePointRight(2).round(new MathContext(2, RoundingMode.HALF_UP));
        if (percent.precision() < 2) {
            percent = percent.setScale(percent.scale() + 2 - percent.precision()); // 4 -> 4.0
        }
        return percent.toPlainString().replace('.', style.decimal) + style.space + "%";
    }

    /** A ratio with two decimals (an index: "1.35"); "n.d." (not available) for null. */
    public static String ratio(Double value) {
        return ratio(value, Style.FICHE);
    }

    public static String ratio(Double value, Style style) {
        return value == null ? "n.d." : String.format(Locale.ROOT, "%.2f", value).replace('.', style.decimal);
    }

    /** {@link #share(double)}, or "n.d." (not available) for null. */
    public static String share(Double fraction, Style style) {
        return fraction == null ? "n.d." : share(fraction.doubleValue(), style);
    }

    /** Change from the previous year, signed, in percent with one decimal: "+5.6 %". */
    public static String change(long now, long before) {
        return change(now, before, Style.FICHE);
    }

    public static String change(long now, long before, Style style) {
        if (before == 0) {
            return "n.s.";
        }
        double percent = (now - before) * 100.0 / before;
        return String.format(Locale.ROOT, "%+.1f", percent).replace('.', style.decimal) + style.space + "%";
    }
}
