package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.tradewarehouse.db.mart.tables.ProductSupplier;
import org.tradewarehouse.db.mart.tables.ProductSupplierTargets;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.dw.Tables.FACT_TRADE;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_SUPPLIER;

/**
 * mart.product_supplier's rows, a year at a time: the database says which fact lines count in which top product
 * ({@code mart.product_supplier_targets}) and streams the year's lines out (COPY); they are summed here per top product
 * and partner country ({@link SupplierSums}). Grouped in the database, the year's three million lines made 900,000 sums
 * per département, CPF4 and partner, then two million rows per top product and partner: 7 s of a 12 s refresh.
 */
final class ProductSuppliers {

    /** How the rows are summed here, in the marts' definitions: changed with {@link SupplierSums}, every year is rebuilt. */
    static final String SUMS = "product_supplier 1";

    private ProductSuppliers() {
    }

    /** Inserts the rows of those years (their old ones deleted), from the top products {@code mart}'s function gives. */
    static void insert(DSLContext dsl, MartRefresher.Mart mart, SortedSet<Integer> years) {
        String[] codes = partnerCodes(dsl);
        for (int year : years) {
            ProductSupplierTargets t = ProductSupplierTargets.PRODUCT_SUPPLIER_TARGETS;
            List<? extends Record> named = dsl.selectFrom(mart.rows(new TreeSet<>(List.of(year)))).fetch();
            SupplierSums sums = new SupplierSums(codes, named.size());
            for (int product = 0; product < named.size(); product++) {
                Record r = named.get(product);
                char flow = r.get(t.FLOW).charAt(0);
                Integer[] productKeys = r.get(t.PRODUCT_KEYS);
                for (int geoKey : r.get(t.GEO_KEYS)) {
                    for (int productKey : productKeys) {
                        sums.target(product, flow, geoKey, productKey);
                    }
                }
            }
            addFacts(dsl, year, sums);
            insert(dsl, named, sums.suppliers());
        }
    }

    /** The rows in one statement: each column an array, unnested side by side. */
    private static void insert(DSLContext dsl, List<? extends Record> named, List<SupplierSums.Supplier> suppliers) {
        ProductSupplierTargets t = ProductSupplierTargets.PRODUCT_SUPPLIER_TARGETS;
        int n = suppliers.size();
        String[] geo = new String[n], flow = new String[n], level = new String[n], product = new String[n], top = new String[n];
        Short[] year = new Short[n];
        Long[] value = new Long[n], topValue = new Long[n], unitedStates = new Long[n];
        for (int i = 0; i < n; i++) {
            SupplierSums.Supplier s = suppliers.get(i);
            Record r = named.get(s.product());
            geo[i] = r.get(t.GEO);
            year[i] = r.get(t.YEAR);
            flow[i] = r.get(t.FLOW);
            level[i] = r.get(t.LEVEL);
            product[i] = r.get(t.PRODUCT);
            value[i] = s.valueEur();
            top[i] = s.topCountry();
            topValue[i] = s.topCountryEur();
            unitedStates[i] = s.unitedStatesEur();
        }
        ProductSupplier m = PRODUCT_SUPPLIER;
        // PostgreSQL's unnest of several arrays, side by side (jOOQ's rowsFrom renders an alias inside, which it refuses)
        Table<?> r = table("unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})", val(geo), val(year), val(flow), val(level),
                val(product), val(value), val(top), val(topValue), val(unitedStates))
                .as("r", Stream.of(m.fields()).map(Field::getName).toArray(String[]::new));
        dsl.insertInto(m, m.GEO, m.YEAR, m.FLOW, m.LEVEL, m.PRODUCT, m.VALUE_EUR, m.TOP_COUNTRY, m.TOP_COUNTRY_EUR,
                        m.UNITED_STATES_EUR)
                .select(select(r.field(m.GEO), r.field(m.YEAR), r.field(m.FLOW), r.field(m.LEVEL), r.field(m.PRODUCT),
                        r.field(m.VALUE_EUR), r.field(m.TOP_COUNTRY), r.field(m.TOP_COUNTRY_EUR), r.field(m.UNITED_STATES_EUR))
                        .from(r))
                .execute();
    }

    /** Each partner key's country code, by key. */
    private static String[] partnerCodes(DSLContext dsl) {
        int last = dsl.select(max(DIM_PARTNER_COUNTRY.PARTNER_KEY)).from(DIM_PARTNER_COUNTRY).fetchOptional(0, Integer.class)
                .orElse(0);
        String[] codes = new String[last + 1];
        dsl.selectFrom(DIM_PARTNER_COUNTRY).forEach(c -> codes[c.getPartnerKey()] = c.getCode());
        return codes;
    }

    /** The year's fact lines, streamed as text and added up as they come: no line is held. */
    private static void addFacts(DSLContext dsl, int year, SupplierSums sums) {
        String lines = dsl.renderInlined(select(FACT_TRADE.FLOW, FACT_TRADE.GEO_KEY, FACT_TRADE.PRODUCT_KEY,
                FACT_TRADE.PARTNER_KEY, FACT_TRADE.VALUE_EUR).from(FACT_TRADE)
                .where(FACT_TRADE.TIME_KEY.in(year * 10 + 1, year * 10 + 2, year * 10 + 3, year * 10 + 4)));
        dsl.connection(c -> {
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + lines + ") to stdout");
            long[] field = new long[4];
            for (byte[] line = out.readFromCopy(); line != null; line = out.readFromCopy()) {
                // flow, then geo_key, product_key, partner_key and value_eur: unsigned numbers, a tab before each
                int i = 2;
                for (int f = 0; f < 4; f++, i++) {
                    long v = 0;
                    for (; i < line.length && line[i] >= '0' && line[i] <= '9'; i++) {
                        v = v * 10 + (line[i] - '0');
                    }
                    field[f] = v;
                }
                sums.add((char) line[0], (int) field[0], (int) field[1], (int) field[2], field[3]);
            }
        });
    }
}
