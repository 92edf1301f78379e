package org.tradewarehouse.rankings;

import java.util.ArrayList;
import java.util.List;

/**
 * The Sankeys' links between a named product and a named country over a year: each fact line is added to every
 * Sankey naming its country (its département's, its région's, France's), there once for each level naming its CPF4.
 * Countries and products are numbered from 0 by the caller, Sankeys by the database from 1. Once all are given, each
 * (country, product of its Sankey) gets a cell of an array, and a line's country and products are found by indexing
 * arrays with its keys: no hashing per line.
 */
final class PairSums {

    /** A link's value and fact lines. */
    record Pair(int country, int product, long valueEur, long lines) {
    }

    private record Key(int item, long sankey, int flow, int geoKey, int memberKey) {
    }

    private final List<Key> countryKeys = new ArrayList<>();
    private final List<Key> productKeys = new ArrayList<>();
    private final long[] sankeyOf;
    // made once all are given
    private int geoKeys, partnerKeys, cpf4Keys;
    /** (flow, département, partner) to the named countries; (Sankey, CPF4) to the Sankey's products, as its own numbers. */
    private int[][] countriesAt, productsAt;
    /** Each Sankey's products, by its own numbers; each country's first cell. */
    private int[][] productsOf;
    private int[] firstCell;
    private long[] values, lines;

    PairSums(int countries) {
        this.sankeyOf = new long[countries];
    }

    /** The lines of that flow, département and partner count for named country {@code country} of Sankey {@code sankey}. */
    void country(int country, long sankey, char flow, int geoKey, int partnerKey) {
        sankeyOf[country] = sankey;
        countryKeys.add(new Key(country, sankey, flow == 'E' ? 1 : 0, geoKey, partnerKey));
    }

    /** In Sankey {@code sankey}, the lines of that CPF4 count for named product {@code product}. */
    void product(int product, long sankey, int productKey) {
        productKeys.add(new Key(product, sankey, 0, 0, productKey));
    }

    /** A fact line of the year. */
    void add(char flow, int geoKey, int productKey, int partnerKey, long valueEur) {
        if (countriesAt == null) {
            index();
        }
        if (geoKey >= geoKeys || partnerKey >= partnerKeys || productKey >= cpf4Keys) {
            return; // a key no Sankey names
        }
        int[] countries = countriesAt[((flow == 'E' ? 1 : 0) * geoKeys + geoKey) * partnerKeys + partnerKey];
        if (countries == null) {
            return; // a country no Sankey of its territories names
        }
        for (int country : countries) {
            int[] products = productsAt[(int) sankeyOf[country] * cpf4Keys + productKey];
            if (products == null) {
                continue; // a CPF4 that Sankey names at no level
            }
            for (int product : products) {
                values[firstCell[country] + product] += valueEur;
                lines[firstCell[country] + product]++;
            }
        }
    }

    /** The links with lines, by country then product. */
    List<Pair> pairs() {
        if (countriesAt == null) {
            index();
        }
        List<Pair> result = new ArrayList<>();
        for (int country = 0; country < sankeyOf.length; country++) {
            int[] products = productsOf[(int) sankeyOf[country]];
            for (int own = 0; own < products.length; own++) {
                int cell = firstCell[country] + own;
                if (lines[cell] > 0) {
                    result.add(new Pair(country, products[own], values[cell], lines[cell]));
                }
            }
        }
        result.sort((a, b) -> a.country() != b.country() ? Integer.compare(a.country(), b.country())
                : Integer.compare(a.product(), b.product()));
        return result;
    }

    private void index() {
        int sankeys = 1;
        for (long s : sankeyOf) {
            sankeys = Math.max(sankeys, (int) s + 1);
        }
        for (Key k : countryKeys) {
            geoKeys = Math.max(geoKeys, k.geoKey() + 1);
            partnerKeys = Math.max(partnerKeys, k.memberKey() + 1);
        }
        for (Key k : productKeys) {
            sankeys = Math.max(sankeys, (int) k.sankey() + 1);
            cpf4Keys = Math.max(cpf4Keys, k.memberKey() + 1);
        }
        countriesAt = new int[2 * geoKeys * partnerKeys][];
        for (Key k : countryKeys) {
            int at = (k.flow() * geoKeys + k.geoKey()) * partnerKeys + k.memberKey();
            countriesAt[at] = append(countriesAt[at], k.item());
        }
        // each Sankey's products numbered on their own, from 0, in the order given
        productsOf = new int[sankeys][0];
        productsAt = new int[sankeys * cpf4Keys][];
        java.util.Map<Integer, Integer> own = new java.util.HashMap<>();
        for (Key k : productKeys) {
            int s = (int) k.sankey();
            int number = own.computeIfAbsent(k.item(), p -> {
                productsOf[s] = append(productsOf[s], p);
                return productsOf[s].length - 1;
            });
            int at = s * cpf4Keys + k.memberKey();
            productsAt[at] = append(productsAt[at], number);
        }
        firstCell = new int[sankeyOf.length];
        int cells = 0;
        for (int country = 0; country < sankeyOf.length; country++) {
            firstCell[country] = cells;
            cells += productsOf[(int) sankeyOf[country]].length;
        }
        values = new long[cells];
        lines = new long[cells];
    }

    private static int[] append(int[] a, int value) {
        int[] all = a == null ? new int[1] : java.util.Arrays.copyOf(a, a.length + 1);
        all[all.length - 1] = value;
        return all;
    }
}
