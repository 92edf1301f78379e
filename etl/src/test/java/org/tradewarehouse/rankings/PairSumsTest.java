package org.tradewarehouse.rankings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PairSumsTest {

    @Test
    void aLineCountsForEachSankeyNamingItsCountryAtEachLevelNamingItsProduct() {
        PairSums sums = new PairSums(3);
        // Sankey 1 (a département's exports) names country 0, partner key 5 of département 7; Sankey 2 (its région's)
        // names country 1, the same partner of départements 7 and 8; Sankey 3 (its imports) names country 2
        sums.country(0, 1, 'E', 7, 5);
        sums.country(1, 2, 'E', 7, 5);
        sums.country(1, 2, 'E', 8, 5);
        sums.country(2, 3, 'I', 7, 5);
        sums.product(0, 1, 100); // Sankey 1 names CPF4 100 (product 0) and its group (product 1)
        sums.product(1, 1, 100);
        sums.product(1, 1, 101);
        sums.product(2, 2, 100); // Sankey 2 names CPF4 100 only
        sums.product(3, 3, 100);

        sums.add('E', 7, 100, 5, 40);
        sums.add('E', 7, 101, 5, 2);
        sums.add('E', 8, 100, 5, 7);
        sums.add('I', 7, 100, 5, 1_000);
        sums.add('E', 7, 100, 6, 1_000); // a partner no Sankey names
        sums.add('E', 7, 102, 5, 1_000); // a CPF4 no Sankey names

        assertThat(sums.pairs()).containsExactly(
                new PairSums.Pair(0, 0, 40, 1),
                new PairSums.Pair(0, 1, 42, 2),
                new PairSums.Pair(1, 2, 47, 2),
                new PairSums.Pair(2, 3, 1_000, 1));
    }
}
