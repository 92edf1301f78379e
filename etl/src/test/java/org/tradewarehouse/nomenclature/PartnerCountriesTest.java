package org.tradewarehouse.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartnerCountriesTest {

    @Test
    void eu27AfterBrexit() {
        assertThat(PartnerCountries.isEu27("DE")).isTrue();
        assertThat(PartnerCountries.isEu27("GR")).isTrue();
        assertThat(PartnerCountries.isEu27("HR")).isTrue();
        assertThat(PartnerCountries.isEu27("GB")).isFalse();
        assertThat(PartnerCountries.isEu27("CH")).isFalse();
        assertThat(PartnerCountries.isEu27("XC")).isFalse();
        assertThat(PartnerCountries.isEu27("de")).isFalse();
    }

    @Test
    void specialCodesAreNotOrdinaryCountries() {
        assertThat(PartnerCountries.isSpecialCode("FR")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("QU")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("QR")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("QS")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("QP")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("QQ")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("XC")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("XL")).isTrue();
        assertThat(PartnerCountries.isSpecialCode("XK")).isFalse(); // Kosovo is a partner country
        assertThat(PartnerCountries.isSpecialCode("DE")).isFalse();
    }
}
