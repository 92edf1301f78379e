package org.tradewarehouse.rankings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The top products' value per partner country over a year: each fact line is added to every top product it counts in
 * (its département's, its région's and France's, at each level naming its CPF4). Arrays indexed by top product and
 * partner key, so a line costs an array addition per top product, never a hash of its codes.
 */
final class SupplierSums {

    /** A top product's supplier figures: its value, the country with the largest part (ties: the smaller code) and the US part. */
    record Supplier(int product, long valueEur, String topCountry, long topCountryEur, long unitedStatesEur) {
    }

    private final String[] codes;
    private final int unitedStates;
    /** (flow, département key, CPF4 key) to the top products a line with them counts in. */
    private final KeyedItems targets = new KeyedItems();
    private final int products;
    private final long[] sums;
    /** Whether a line of that (product, partner) was met: the top country is one the product was traded with. */
    private final boolean[] met;

    /** @param codes each partner key's country code (null for no partner), {@code products} top products numbered from 0 */
    SupplierSums(String[] codes, int products) {
        this.codes = codes;
        this.products = products;
        this.unitedStates = Arrays.asList(codes).indexOf("US");
        this.sums = new long[products * codes.length];
        this.met = new boolean[products * codes.length];
    }

    /** The lines of that flow, département and CPF4 count in that top product. */
    void target(int product, char flow, int geoKey, int productKey) {
        targets.add(flow == 'E' ? 1 : 0, geoKey, productKey, product);
    }

    /** A fact line of the year. */
    void add(char flow, int geoKey, int productKey, int partnerKey, long valueEur) {
        int[] into = targets.get(flow == 'E' ? 1 : 0, geoKey, productKey);
        if (into == null) {
            return; // in no top product
        }
        if (partnerKey >= codes.length || codes[partnerKey] == null) { // else it would count for another product's partner
            throw new IllegalStateException("a fact line's partner key " + partnerKey + " is not in dw.dim_partner_country");
        }
        for (int product : into) {
            int cell = product * codes.length + partnerKey;
            sums[cell] += valueEur;
            met[cell] = true;
        }
    }

    /** Each top product that had lines, in their numbers' order. */
    List<Supplier> suppliers() {
        List<Supplier> result = new ArrayList<>();
        for (int product = 0; product < products; product++) {
            int top = -1;
            long total = 0;
            for (int partner = 0; partner < codes.length; partner++) {
                int cell = product * codes.length + partner;
                if (!met[cell]) {
                    continue;
                }
                total += sums[cell];
                if (top < 0 || sums[cell] > sums[product * codes.length + top]
                        || sums[cell] == sums[product * codes.length + top] && codes[partner].compareTo(codes[top]) < 0) {
                    top = partner;
                }
            }
            if (top >= 0) {
                long us = unitedStates < 0 ? 0 : sums[product * codes.length + unitedStates];
                result.add(new Supplier(product, total, codes[top], sums[product * codes.length + top], us));
            }
        }
        return result;
    }
}
