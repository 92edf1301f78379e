package org.tradewarehouse.rankings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sankeys' links between a named product and a named country over a year: each fact line is added to every
 * Sankey naming its country (its département's, its région's, France's), there once for each level naming its CPF4.
 * Countries and products are numbered from 0 by the caller, Sankeys by the database. Each (country, product of its
 * Sankey) has a cell of an array of sums; a line finds its countries, then their Sankeys' products, by its keys
 * ({@link KeyedItems}): no hashing per line.
 */
final class PairSums {

    /** A link's value and fact lines. */
    record Pair(int country, int product, long valueEur, long lines) {
    }

    /** (flow, département key, partner key) to the named countries a line with them counts for. */
    private final KeyedItems countries = new KeyedItems();
    /** (Sankey, 0, CPF4 key) to the Sankey's products the line counts for there, as the Sankey's own numbers. */
    private final KeyedItems products = new KeyedItems();
    private final long[] sankeyOf;
    /** Each Sankey's products, by its own numbers; each product's number in its Sankey. */
    private final List<int[]> productsOf = new ArrayList<>();
    private final Map<Integer, Integer> ownNumber = new HashMap<>();
    // made at the first line: each country's first cell, the cells' sums
    private int[] firstCell;
    private long[] values, lines;

    PairSums(int countries) {
        this.sankeyOf = new long[countries];
    }

    /** The lines of that flow, département and partner count for named country {@code country} of Sankey {@code sankey}. */
    void country(int country, long sankey, char flow, int geoKey, int partnerKey) {
        sankeyOf[country] = sankey;
        countries.add(flow == 'E' ? 1 : 0, geoKey, partnerKey, country);
    }

    /** In Sankey {@code sankey}, the lines of that CPF4 count for named product {@code product}. */
    void product(int product, long sankey, int productKey) {
        int s = (int) sankey;
        while (productsOf.size() <= s) {
            productsOf.add(new int[0]);
        }
        int number = ownNumber.computeIfAbsent(product, p -> {
            int[] own = Arrays.copyOf(productsOf.get(s), productsOf.get(s).length + 1);
            own[own.length - 1] = p;
            productsOf.set(s, own);
            return own.length - 1;
        });
        products.add(s, 0, productKey, number);
    }

    /** A fact line of the year. */
    void add(char flow, int geoKey, int productKey, int partnerKey, long valueEur) {
        if (firstCell == null) {
            cells();
        }
        int[] named = countries.get(flow == 'E' ? 1 : 0, geoKey, partnerKey);
        if (named == null) {
            return; // a country no Sankey of its territories names
        }
        for (int country : named) {
            int[] own = products.get((int) sankeyOf[country], 0, productKey);
            if (own == null) {
                continue; // a CPF4 that Sankey names at no level
            }
            for (int product : own) {
                values[firstCell[country] + product] += valueEur;
                lines[firstCell[country] + product]++;
            }
        }
    }

    /** The links with lines, by country then product. */
    List<Pair> pairs() {
        if (firstCell == null) {
            cells();
        }
        List<Pair> result = new ArrayList<>();
        for (int country = 0; country < sankeyOf.length; country++) {
            int[] own = productsOf(country);
            for (int number = 0; number < own.length; number++) {
                int cell = firstCell[country] + number;
                if (lines[cell] > 0) {
                    result.add(new Pair(country, own[number], values[cell], lines[cell]));
                }
            }
        }
        result.sort((a, b) -> a.country() != b.country() ? Integer.compare(a.country(), b.country())
                : Integer.compare(a.product(), b.product()));
        return result;
    }

    private int[] productsOf(int country) {
        int s = (int) sankeyOf[country];
        return s < productsOf.size() ? productsOf.get(s) : new int[0];
    }

    private void cells() {
        firstCell = new int[sankeyOf.length];
        int cells = 0;
        for (int country = 0; country < sankeyOf.length; country++) {
            firstCell[country] = cells;
            cells += productsOf(country).length;
        }
        values = new long[cells];
        lines = new long[cells];
    }
}
