package org.tradewarehouse.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tradewarehouse.nomenclature.Na2008.Levels;

class Na2008Test {

    private final Na2008 na2008 = Na2008.load();

    @Test
    void pharmaceuticalProductsAreManufacturing() {
        assertThat(na2008.forCpf4("2120")).contains(new Levels(
                "21", "Industrie pharmaceutique",
                "CF0", "Industrie pharmaceutique",
                "CF", "Industrie pharmaceutique",
                "C", "INDUSTRIE MANUFACTURIÈRE",
                "C5", "Fabrication d'autres produits industriels",
                "BE", "Industrie manufacturière, industries extractives  et autres"));
    }

    @Test
    void codesFollowTheDivision() {
        assertThat(na2008.forCpf4("0111")).map(l -> l.a64() + l.a38() + l.a21() + l.a17() + l.a10())
                .contains("AZ1AZAAZAZ");
        assertThat(na2008.forCpf4("1920")).map(l -> l.a64() + l.a38() + l.a21() + l.a17() + l.a10())
                .contains("CD0CDCC2BE");
        assertThat(na2008.forCpf4("2910")).map(Levels::a17).contains("C4");
        assertThat(na2008.forCpf4("3511")).map(l -> l.a64() + l.a38() + l.a21() + l.a17() + l.a10())
                .contains("DZ0DZDDEBE");
        assertThat(na2008.forCpf4("5110")).map(Levels::a64Label).contains("Transports aériens");
        assertThat(na2008.forCpf4("9200")).map(l -> l.a64() + l.a38() + l.a21() + l.a17() + l.a10())
                .contains("RZ1RZRRURU");
        assertThat(na2008.forCpf4("9900")).map(l -> l.a88() + l.a64() + l.a38() + l.a21() + l.a17() + l.a10())
                .contains("99UZ0UZURURU");
    }

    @Test
    void labelsWithSemicolonsSurviveTheResourceQuoting() {
        assertThat(na2008.forCpf4("3811")).map(Levels::a88Label)
                .contains("Collecte, traitement et élimination des déchets ; récupération");
        assertThat(na2008.forCpf4("9810")).map(Levels::a21Label).contains("ACTIVITÉS DES MÉNAGES EN TANT QU'EMPLOYEURS ; "
                + "ACTIVITÉS INDIFFÉRENCIÉES DES MÉNAGES EN TANT QUE PRODUCTEURS DE BIENS ET SERVICES POUR USAGE PROPRE");
    }

    @Test
    void unknownDivisionsAndMalformedCodesGiveNothing() {
        assertThat(na2008.forCpf4("3400")).isEmpty(); // NAF rév. 2 has no division 34
        assertThat(na2008.forCpf4("21")).isEmpty();
        assertThat(na2008.forCpf4("212010")).isEmpty();
        assertThat(na2008.forCpf4(" 2120 ")).isPresent();
    }
}
