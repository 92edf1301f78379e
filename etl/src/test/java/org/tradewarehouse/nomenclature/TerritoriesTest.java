package org.tradewarehouse.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tradewarehouse.nomenclature.Territories.RegionRef;

class TerritoriesTest {

    @Test
    void dgddiRegionCodesAreNotInsee() {
        assertThat(Territories.region("09")).contains(new RegionRef("09", "75", "Nouvelle-Aquitaine"));
        assertThat(Territories.region("21")).contains(new RegionRef("21", "93", "Provence-Alpes-Côte d'Azur"));
        assertThat(Territories.region("75")).isEmpty();
        assertThat(Territories.region("24")).isEmpty(); // DOM: one INSEE région per département
    }

    @Test
    void metropolitanDepartementsKeepTheirNumber() {
        assertThat(Territories.inseeDepartements("87")).containsExactly("87");
        assertThat(Territories.inseeRegionOfDepartement("87")).contains("75");
        assertThat(Territories.regionOfDepartement("87")).contains(new RegionRef("09", "75", "Nouvelle-Aquitaine"));
    }

    @Test
    void corseIsOneDgddiDepartement() {
        assertThat(Territories.inseeDepartements("20")).containsExactly("2A", "2B");
        assertThat(Territories.inseeRegionOfDepartement("20")).contains("94");
        assertThat(Territories.inseeDepartements("2A")).isEmpty();
    }

    @Test
    void domDepartementsAreInseeRegionsOfTheirOwn() {
        assertThat(Territories.inseeDepartements("9A")).containsExactly("971");
        assertThat(Territories.inseeDepartements("9D")).containsExactly("974");
        assertThat(Territories.inseeDepartements("9E")).containsExactly("976");
        assertThat(Territories.inseeRegionOfDepartement("9D")).contains("04");
        assertThat(Territories.inseeRegionOfDepartement("9E")).contains("06");
        assertThat(Territories.regionOfDepartement("9D")).contains(new RegionRef("24", "04", "La Réunion"));
    }

    @Test
    void monacoCountsInPacaWithoutInseeDepartement() {
        assertThat(Territories.inseeDepartements("99")).isEmpty();
        assertThat(Territories.inseeRegionOfDepartement("99")).contains("93");
    }

    @Test
    void unknownDepartementGivesNothing() {
        assertThat(Territories.inseeDepartements("00")).isEmpty();
        assertThat(Territories.inseeRegionOfDepartement("00")).isEmpty();
        assertThat(Territories.inseeRegionOfDepartement("971")).isEmpty();
    }
}
