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
}
