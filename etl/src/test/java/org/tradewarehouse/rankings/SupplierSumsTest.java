package org.tradewarehouse.rankings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupplierSumsTest {

    /** Partner keys 1 to 4; key 0 names no country. */
    static final String[] CODES = {null, "DE", "US", "BE", "CN"};

    @Test
    void aLineCountsInEveryTopProductOfItsFlowDepartementAndCpf4Only() {
        SupplierSums sums = new SupplierSums(CODES, 3);
        sums.target(0, 'E', 7, 100); // a département's CPF4
        sums.target(1, 'E', 7, 100); // its région's group holding that CPF4 ...
        sums.target(1, 'E', 8, 101); // ... and another département's CPF4 of the group
        sums.target(2, 'I', 7, 100); // the same codes, imports
        sums.add('E', 7, 100, 1, 500);
        sums.add('E', 8, 101, 1, 70);
        sums.add('E', 8, 101, 2, 30);
        sums.add('I', 7, 100, 4, 9);
        sums.add('E', 9, 100, 1, 1_000); // a département in no top product
        sums.add('E', 7, 102, 1, 1_000); // a CPF4 in none

        assertThat(sums.suppliers()).containsExactly(
                new SupplierSums.Supplier(0, 500, "DE", 500, 0),
                new SupplierSums.Supplier(1, 600, "DE", 570, 30),
                new SupplierSums.Supplier(2, 9, "CN", 9, 0));
    }

    @Test
    void aTieGoesToTheSmallerCodeWhateverTheKeys() {
        SupplierSums sums = new SupplierSums(CODES, 1);
        sums.target(0, 'E', 1, 1);
        sums.add('E', 1, 1, 4, 40); // CN
        sums.add('E', 1, 1, 3, 25); // BE
        sums.add('E', 1, 1, 3, 15);
        sums.add('E', 1, 1, 2, 40); // US

        assertThat(sums.suppliers()).containsExactly(new SupplierSums.Supplier(0, 120, "BE", 40, 40));
    }

    @Test
    void theTopCountryIsOneTradedWithEvenForNothingAndAProductWithoutLinesHasNoRow() {
        SupplierSums sums = new SupplierSums(CODES, 2);
        sums.target(0, 'E', 1, 1);
        sums.target(1, 'E', 1, 2);
        sums.add('E', 1, 1, 4, 0); // CN, a line worth nothing: DE, BE and US were not traded with

        assertThat(sums.suppliers()).containsExactly(new SupplierSums.Supplier(0, 0, "CN", 0, 0));
    }

    @Test
    void aPartnerKeyOutsideTheDimensionIsAnErrorNotAnotherProductsPartner() {
        SupplierSums sums = new SupplierSums(CODES, 2);
        sums.target(0, 'E', 1, 1);

        assertThatThrownBy(() -> sums.add('E', 1, 1, CODES.length, 5)).hasMessageContaining("partner key 5");
        assertThatThrownBy(() -> sums.add('E', 1, 1, 0, 5)).hasMessageContaining("partner key 0");
    }
}
