package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.tradewarehouse.db.mart.tables.ProductSupplierTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.selectFrom;
import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_SUPPLIER;

/**
 * mart.product_supplier's rows, a year at a time: the database says which fact lines count in which top product
 * ({@code mart.product_supplier_targets}) and streams the year's lines out ({@link FactLines}); they are summed here per
 * top product and partner country ({@link SupplierSums}). Grouped in the database, the year's three million lines made
 * 900,000 sums per département, CPF4 and partner, then 3.6 million rows grouped per top product and partner: 7 s of a
 * 12 s refresh.
 */
final class ProductSuppliers {

    /** How the rows are summed here, in the marts' definitions: changed with {@link SupplierSums}, every year is rebuilt. */
    static final String SUMS = "product_supplier 1";
    private static final ProductSupplierTargets T = ProductSupplierTargets.PRODUCT_SUPPLIER_TARGETS;
    private static final int GEO = T.indexOf(T.GEO), YEAR = T.indexOf(T.YEAR), FLOW = T.indexOf(T.FLOW),
            LEVEL = T.indexOf(T.LEVEL), PRODUCT = T.indexOf(T.PRODUCT), GEO_KEYS = T.indexOf(T.GEO_KEYS),
            PRODUCT_KEYS = T.indexOf(T.PRODUCT_KEYS);

    private ProductSuppliers() {
    }

    /** Inserts the rows of those years (their old ones deleted), from the top products {@code mart}'s function gives. */
    static void insert(DSLContext dsl, MartRefresher.Mart mart, SortedSet<Integer> years) {
        String[] codes = partnerCodes(dsl);
        for (int year : years) {
            List<String[]> named = CopyRows.out(dsl, selectFrom(mart.rows(new TreeSet<>(List.of(year)))));
            SupplierSums sums = new SupplierSums(codes, named.size());
            for (int product = 0; product < named.size(); product++) {
                String[] r = named.get(product);
                int[] productKeys = keys(r[PRODUCT_KEYS]);
                for (int geoKey : keys(r[GEO_KEYS])) {
                    for (int productKey : productKeys) {
                        sums.target(product, r[FLOW].charAt(0), geoKey, productKey);
                    }
                }
            }
            FactLines.of(dsl, year, sums::add);
            List<Object[]> rows = new ArrayList<>();
            for (SupplierSums.Supplier s : sums.suppliers()) {
                String[] r = named.get(s.product());
                rows.add(new Object[] {r[GEO], r[YEAR], r[FLOW], r[LEVEL], r[PRODUCT], s.valueEur(), s.topCountry(),
                        s.topCountryEur(), s.unitedStatesEur()});
            }
            CopyRows.in(dsl, PRODUCT_SUPPLIER, rows);
        }
    }

    /** An integer array as COPY prints it: {1,2,3}. */
    private static int[] keys(String array) {
        return Stream.of(array.substring(1, array.length() - 1).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Each partner key's country code, by key. */
    private static String[] partnerCodes(DSLContext dsl) {
        int last = dsl.select(max(DIM_PARTNER_COUNTRY.PARTNER_KEY)).from(DIM_PARTNER_COUNTRY).fetchOptional(0, Integer.class)
                .orElse(0);
        String[] codes = new String[last + 1];
        dsl.selectFrom(DIM_PARTNER_COUNTRY).forEach(c -> codes[c.getPartnerKey()] = c.getCode());
        return codes;
    }
}
