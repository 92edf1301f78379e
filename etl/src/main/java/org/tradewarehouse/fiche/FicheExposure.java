package org.tradewarehouse.fiche;

import org.jooq.DSLContext;
import org.tradewarehouse.db.mart.tables.records.PartnerExposureRecord;
import org.tradewarehouse.db.mart.tables.records.ProductSupplierRecord;

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
    Fiche.Dependence dependence(String geo, int year, ProductLevel level, List<Fiche.Product> imports) {
        Map<String, ProductSupplierRecord> suppliers = suppliers(geo, year, "I", level);
        List<String> countries = suppliers.values().stream().map(ProductSupplierRecord::getTopCountry).distinct().toList();
        Map<String, String> names = dsl.select(DIM_PARTNER_COUNTRY.CODE, DIM_PARTNER_COUNTRY.LABEL).from(DIM_PARTNER_COUNTRY)
                .where(DIM_PARTNER_COUNTRY.CODE.in(countries)).fetchMap(DIM_PARTNER_COUNTRY.CODE, DIM_PARTNER_COUNTRY.LABEL);
        return new Fiche.Dependence(named(imports).stream().map(p -> {
            ProductSupplierRecord s = suppliers.get(p.code());
            return s == null ? new Fiche.Supplier(p.code(), null, null, null)
                    : new Fiche.Supplier(p.code(), s.getTopCountry(), names.get(s.getTopCountry()),
                    share(s.getTopCountryEur(), s.getValueEur()));
        }).toList());
    }

    /** For each of the top exported products, the part going to the United States. */
    Fiche.UsExposure usExposure(String geo, int year, ProductLevel level, List<Fiche.Product> exports) {
        Map<String, ProductSupplierRecord> suppliers = suppliers(geo, year, "E", level);
        return new Fiche.UsExposure(named(exports).stream().map(p -> {
            ProductSupplierRecord s = suppliers.get(p.code());
            return new Fiche.UsShare(p.code(), s == null ? null : share(s.getUnitedStatesEur(), s.getValueEur()));
        }).toList());
    }

    /**
     * Balassa's index of each top exported product: its share of the territory's exports over its share of France's
     * (for France, 1).
     */
    Fiche.Specialisation specialisation(String geo, int year, ProductLevel level, List<Fiche.Product> exports,
                                        long exportsEur) {
        List<Fiche.Product> named = named(exports);
        Map<String, Long> france = dsl.select(PRODUCT_RANKING.PRODUCT, PRODUCT_RANKING.VALUE_EUR).from(PRODUCT_RANKING)
                .where(PRODUCT_RANKING.GEO.eq(FRANCE), PRODUCT_RANKING.YEAR.eq((short) year), PRODUCT_RANKING.FLOW.eq("E"),
                        PRODUCT_RANKING.LEVEL.eq(level.name()),
                        PRODUCT_RANKING.PRODUCT.in(named.stream().map(Fiche.Product::code).toList()))
                .fetchMap(PRODUCT_RANKING.PRODUCT, PRODUCT_RANKING.VALUE_EUR);
        Long franceExports = dsl.select(GEO_TOTAL.VALUE_EUR).from(GEO_TOTAL)
                .where(GEO_TOTAL.GEO.eq(FRANCE), GEO_TOTAL.YEAR.eq((short) year), GEO_TOTAL.FLOW.eq("E"))
                .fetchOne(GEO_TOTAL.VALUE_EUR);
        return new Fiche.Specialisation(named.stream().map(p -> {
            Double territoryShare = share(p.valueEur(), exportsEur);
            Double franceShare = franceExports == null ? null : share(france.getOrDefault(p.code(), 0L), franceExports);
            return new Fiche.ProductIndex(p.code(), territoryShare == null || franceShare == null || franceShare == 0
                    ? null : territoryShare / franceShare);
        }).toList());
    }

    private Map<String, ProductSupplierRecord> suppliers(String geo, int year, String flow, ProductLevel level) {
        return dsl.selectFrom(PRODUCT_SUPPLIER)
                .where(PRODUCT_SUPPLIER.GEO.eq(geo), PRODUCT_SUPPLIER.YEAR.eq((short) year), PRODUCT_SUPPLIER.FLOW.eq(flow),
                        PRODUCT_SUPPLIER.LEVEL.eq(level.name()))
                .fetchMap(PRODUCT_SUPPLIER.PRODUCT);
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
