package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.tradewarehouse.db.mart.tables.SankeyPairKeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.jooq.impl.DSL.selectFrom;
import static org.tradewarehouse.db.mart.Tables.SANKEY_PAIR;

/**
 * mart.sankey_pair's rows, a year at a time: the database gives the Sankeys' named countries and products with the keys
 * their fact lines have ({@code mart.sankey_pair_keys}) and streams the year's lines out ({@link FactLines}); they are
 * summed here per link ({@link PairSums}). In the database, joined on one computed key per line and grouped, the
 * year's pass took 3 s and a parallel worker, on a second core the refresh's other marts need.
 */
final class SankeyPairs {

    /** How the rows are summed here, in the marts' definitions: changed with {@link PairSums}, every year is rebuilt. */
    static final String SUMS = "sankey_pair 1";
    private static final SankeyPairKeys K = SankeyPairKeys.SANKEY_PAIR_KEYS;
    private static final int KIND = K.indexOf(K.KIND), ID = K.indexOf(K.ID), SANKEY = K.indexOf(K.SANKEY),
            GEO = K.indexOf(K.GEO), YEAR = K.indexOf(K.YEAR), FLOW = K.indexOf(K.FLOW), LEVEL = K.indexOf(K.LEVEL),
            ITEM = K.indexOf(K.ITEM), GEO_KEY = K.indexOf(K.GEO_KEY), MEMBER_KEY = K.indexOf(K.MEMBER_KEY);

    private SankeyPairs() {
    }

    /** Inserts the rows of those years (their old ones deleted), from the named items {@code mart}'s function gives. */
    static void insert(DSLContext dsl, MartRefresher.Mart mart, SortedSet<Integer> years) {
        for (int year : years) {
            List<String[]> countries = new ArrayList<>();
            List<String[]> products = new ArrayList<>();
            Map<String, Integer> countryNumbers = new HashMap<>();
            Map<String, Integer> productNumbers = new HashMap<>();
            List<String[]> keys = CopyRows.out(dsl, selectFrom(mart.rows(new TreeSet<>(List.of(year)))));
            for (String[] r : keys) {
                boolean country = r[KIND].equals("C");
                List<String[]> named = country ? countries : products;
                (country ? countryNumbers : productNumbers).computeIfAbsent(r[ID], id -> {
                    named.add(r);
                    return named.size() - 1;
                });
            }
            PairSums sums = new PairSums(countries.size());
            for (String[] r : keys) {
                if (r[KIND].equals("C")) {
                    sums.country(countryNumbers.get(r[ID]), Long.parseLong(r[SANKEY]), r[FLOW].charAt(0),
                            Integer.parseInt(r[GEO_KEY]), Integer.parseInt(r[MEMBER_KEY]));
                } else {
                    sums.product(productNumbers.get(r[ID]), Long.parseLong(r[SANKEY]), Integer.parseInt(r[MEMBER_KEY]));
                }
            }
            FactLines.of(dsl, year, sums::add);
            List<Object[]> rows = new ArrayList<>();
            for (PairSums.Pair p : sums.pairs()) {
                String[] c = countries.get(p.country());
                String[] named = products.get(p.product());
                rows.add(new Object[] {c[SANKEY], c[GEO], c[YEAR], c[FLOW], named[LEVEL], named[ITEM], c[ITEM], p.valueEur(),
                        p.lines()});
            }
            CopyRows.in(dsl, SANKEY_PAIR, rows);
        }
    }
}
