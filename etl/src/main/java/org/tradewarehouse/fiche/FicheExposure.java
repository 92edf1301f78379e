package org.tradewarehouse.fiche;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.tradewarehouse.db.mart.tables.records.PartnerExposureRecord;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.mart.Tables.GEO_TOTAL;
import static org.tradewarehouse.db.mart.Tables.PARTNER_EXPOSURE;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_RANKING;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_SUPPLIER;
import static org.tradewarehouse.db.mart.Tables.QUARTER_TOTAL;

/**
 * The fiche's figures beyond the year's snapshot, from the marts: the trend per quarter, the exposure to the United
 * States, China and the EU-27 beside France's, the main supplier of each top imported product, the United States' part
 * of each top exported product and the territory's specialisation. Runs in the fiche's transaction.
 */
final class FicheExposure {

    private static final String FRANCE = "fr";

    private final DSLContext dsl;

    FicheExposure(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A (quarter, flow) slice: the time key (year * 10 + quarter) and the flow, E or I. */
    private record Slice(int timeKey, String flow) {
    }

    /**
     * Every quarter loaded up to the year's last: France's rows say which (quarter, flow) slices are loaded; the
     * territory without a row in a loaded slice had no trade then.
     */
    Fiche.Trend trend(String geo, int year) {
        Map<Slice, Long> france = new HashMap<>();
        Map<Slice, Long> territory = new HashMap<>();
        dsl.selectFrom(QUARTER_TOTAL)
                .where(QUARTER_TOTAL.GEO.in(geo, FRANCE), QUARTER_TOTAL.YEAR.le((short) year))
                .forEach(r -> (r.getGeo().equals(FRANCE) ? france : territory)
                        .put(new Slice(r.getYear() * 10 + r.getQuarter(), r.getFlow()), r.getValueEur()));
        if (geo.equals(FRANCE)) {
            territory.putAll(france);
        }
        SortedSet<Integer> quarters = new TreeSet<>();
        france.keySet().forEach(s -> quarters.add(s.timeKey()));
        return new Fiche.Trend(quarters.stream().map(time -> new Fiche.Quarter(time / 10, time % 10,
                value(france, territory, new Slice(time, "E")), value(france, territory, new Slice(time, "I")))).toList());
    }

    private static Long value(Map<Slice, Long> france, Map<Slice, Long> territory, Slice slice) {
        return france.containsKey(slice) ? territory.getOrDefault(slice, 0L) : null;
    }

    Fiche.Exposure exposure(String geo, int year) {
        Map<String, PartnerExposureRecord> rows = dsl.selectFrom(PARTNER_EXPOSURE)
                .where(PARTNER_EXPOSURE.GEO.in(geo, FRANCE), PARTNER_EXPOSURE.YEAR.eq((short) year))
                .fetchMap(r -> r.getGeo() + r.getFlow());
        return new Fiche.Exposure(shares(rows.get(geo + "E")), shares(rows.get(geo + "I")),
                new Fiche.NationalExposure(shares(rows.get(FRANCE + "E")), shares(rows.get(FRANCE + "I"))));
    }

    private static Fiche.PartnerShares shares(PartnerExposureRecord r) {
        if (r == null) {
            return new Fiche.PartnerShares(null, null, null, null);
        }
        return new Fiche.PartnerShares(fraction(r.getShareUnitedStates()), fraction(r.getShareChina()),
                fraction(r.getShareEu27()), fraction(r.getPartnerConcentration()));
    }

    /** For each of the top imported products (AUTRES left out), the country supplying the most of it. */
    Fiche.Dependence dependence(Map<String, Supplier> imports, List<Fiche.Product> products) {
        return new Fiche.Dependence(named(products).stream().map(p -> {
            Supplier s = imports.get(p.code());
            return s == null ? new Fiche.Supplier(p.code(), null, null, null)
                    : new Fiche.Supplier(p.code(), s.topCountry(), s.topCountryName(), share(s.topCountryEur(), s.valueEur()));
        }).toList());
    }

    /** For each of the top exported products, the part going to the United States. */
    Fiche.UsExposure usExposure(Map<String, Supplier> exports, List<Fiche.Product> products) {
        return new Fiche.UsExposure(named(products).stream().map(p -> {
            Supplier s = exports.get(p.code());
            return new Fiche.UsShare(p.code(), s == null ? null : share(s.unitedStatesEur(), s.valueEur()));
        }).toList());
    }

    /** A top product's value, its main partner country with that country's part, and the United States' part. */
    record Supplier(long valueEur, String topCountry, String topCountryName, long topCountryEur, long unitedStatesEur) {
    }

    /** The top products' suppliers of both flows at the level, by flow (E, I) then product, in one query. */
    Map<String, Map<String, Supplier>> suppliers(String geo, int year, ProductLevel level) {
        Map<String, Map<String, Supplier>> byFlow = new HashMap<>(Map.of("E", new HashMap<>(), "I", new HashMap<>()));
        dsl.select(PRODUCT_SUPPLIER.FLOW, PRODUCT_SUPPLIER.PRODUCT, PRODUCT_SUPPLIER.VALUE_EUR, PRODUCT_SUPPLIER.TOP_COUNTRY,
                        DIM_PARTNER_COUNTRY.LABEL, PRODUCT_SUPPLIER.TOP_COUNTRY_EUR, PRODUCT_SUPPLIER.UNITED_STATES_EUR)
                .from(PRODUCT_SUPPLIER)
                .leftJoin(DIM_PARTNER_COUNTRY).on(DIM_PARTNER_COUNTRY.CODE.eq(PRODUCT_SUPPLIER.TOP_COUNTRY))
                .where(PRODUCT_SUPPLIER.GEO.eq(geo), PRODUCT_SUPPLIER.YEAR.eq((short) year), PRODUCT_SUPPLIER.LEVEL.eq(level.name()))
                .forEach(r -> byFlow.get(r.value1()).put(r.value2(),
                        new Supplier(r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
        return byFlow;
    }

    /**
     * Balassa's index of each top exported product: its share of the territory's exports over its share of France's
     * (for France, 1).
     */
    Fiche.Specialisation specialisation(String geo, int year, ProductLevel level, List<Fiche.Product> exports,
                                        long exportsEur) {
        List<Fiche.Product> named = named(exports);
        // France's value of each of those products, and France's exports (under the key null)
        Map<String, Long> france = new HashMap<>();
        dsl.select(PRODUCT_RANKING.PRODUCT, PRODUCT_RANKING.VALUE_EUR).from(PRODUCT_RANKING)
                .where(PRODUCT_RANKING.GEO.eq(FRANCE), PRODUCT_RANKING.YEAR.eq((short) year), PRODUCT_RANKING.FLOW.eq("E"),
                        PRODUCT_RANKING.LEVEL.eq(level.name()),
                        PRODUCT_RANKING.PRODUCT.in(named.stream().map(Fiche.Product::code).toList()))
                .unionAll(dsl.select(DSL.inline((String) null), GEO_TOTAL.VALUE_EUR).from(GEO_TOTAL)
                        .where(GEO_TOTAL.GEO.eq(FRANCE), GEO_TOTAL.YEAR.eq((short) year), GEO_TOTAL.FLOW.eq("E")))
                .forEach(r -> france.put(r.value1(), r.value2()));
        Long franceExports = france.get(null);
        return new Fiche.Specialisation(named.stream().map(p -> {
            Double territoryShare = share(p.valueEur(), exportsEur);
            Double franceShare = franceExports == null ? null : share(france.getOrDefault(p.code(), 0L), franceExports);
            return new Fiche.ProductIndex(p.code(), territoryShare == null || franceShare == null || franceShare == 0
                    ? null : territoryShare / franceShare);
        }).toList());
    }

    private static List<Fiche.Product> named(List<Fiche.Product> products) {
        return products.stream().filter(p -> !p.code().equals(Fiche.OTHERS)).toList();
    }

    /** part / whole, null when the whole is 0. */
    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double fraction(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
