package org.tradewarehouse.fiche;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FrenchFormatTest {

    @ParameterizedTest
    @CsvSource({"1109100000, 1 109.1", "755949999, 755.9", "580354500000, 580 354.5", "0, 0.0", "-226100000, -226.1", "50000, 0.1"})
    void millionsWithOneDecimalAndSpacedThousands(long euros, String text) {
        assertThat(FrenchFormat.millions(euros)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0.0416, 4.2 %", "0.00191, 0.19 %", "0.027, 2.7 %", "0.0011, 0.11 %", "0.04, 4.0 %", "0.394, 39 %", "1, 100 %"})
    void sharesWithTwoSignificantDigits(double fraction, String text) {
        assertThat(FrenchFormat.share(fraction)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1109100000 | 0.0416 | 1_109,1 | 4,2_%", "-226100000 | 0.00191 | -226,1 | 0,19_%",
            "580354500000 | 1 | 580_354,5 | 100_%"})
    void webStyleUsesADecimalCommaAndNonBreakingSpaces(long euros, double fraction, String millions, String share) {
        // "_" stands for the non-breaking space
        assertThat(FrenchFormat.millions(euros, FrenchFormat.Style.WEB)).isEqualTo(millions.replace('_', '\u00a0'));
        assertThat(FrenchFormat.share(fraction, FrenchFormat.Style.WEB)).isEqualTo(share.replace('_', '\u00a0'));
        assertThat(FrenchFormat.change(1056, 1000, FrenchFormat.Style.WEB)).isEqualTo("+5,6\u00a0%");
    }
}
