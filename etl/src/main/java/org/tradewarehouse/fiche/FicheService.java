package org.tradewarehouse.fiche;

import org.jooq.DSLContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tradewarehouse.db.mart.tables.records.GeoTotalRecord;
import org.tradewarehouse.db.mart.tables.records.TerritoryRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.mart.Tables.GEO_TOTAL;
import static org.tradewarehouse.db.mart.Tables.PARTNER_RANKING;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_RANKING;
import static org.tradewarehouse.db.mart.Tables.SANKEY_LINK;
import static org.tradewarehouse.db.mart.Tables.TERRITORY;

/** Reads one fiche from the marts (never the facts), in one consistent snapshot. */
@Service
public class FicheService {

    static final int TOP = 10;

    private final DSLContext dsl;
    private final FicheExposure exposure;

    public FicheService(DSLContext dsl) {
        this.dsl = dsl;
        this.exposure = new FicheExposure(dsl);
    }

    /** {@code geo} as dep:87, reg:09 or fr (DGDDI codes). */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Fiche fiche(String geo, int year, ProductLevel level) {
        return read(geo, year, level, true);
    }

    /**
     * The fiche of the year alone: totals, partners, products and Sankeys, without the figures beyond the year (trend,
     * exposure, dependence, usExposure, specialisation: null). What a page reads of its région and of France, to
     * compare their Sankeys with its own.
     */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public Fiche comparison(String geo, int year, ProductLevel level) {
        return read(geo, year, level, false);
    }

    private Fiche read(String geo, int year, ProductLevel level, boolean beyondTheYear) {
        TerritoryRecord territory = territory(geo);
        String key = territory.getGeo();
        Map<String, GeoTotalRecord> totals = dsl.selectFrom(GEO_TOTAL)
                .where(GEO_TOTAL.GEO.eq(key), GEO_TOTAL.YEAR.eq((short) year))
                .fetchMap(GEO_TOTAL.FLOW);
        if (totals.isEmpty()) {
            throw new FicheNotFoundException(FicheNotFoundException.Missing.YEAR,
                    "no data for " + territory.getName() + " in " + year + "; years loaded: " + loadedYears());
        }
        Fiche.Region region = territory.getRegionGeo() == null ? null
                : new Fiche.Region(territory.getRegionGeo(), territory.getRegionName());
        Fiche.FlowTotal exports = total(totals.get("E"));
        Fiche.Products products = new Fiche.Products(products(key, year, "E", level, totals.get("E")),
                products(key, year, "I", level, totals.get("I")));
        Fiche.Territory geoOf = new Fiche.Territory(key, territory.getName(), region);
        Fiche.Sankeys sankeys = new Fiche.Sankeys(sankey(key, year, "E", level), sankey(key, year, "I", level));
        if (!beyondTheYear) {
            return new Fiche(geoOf, year, level.name(), exports, total(totals.get("I")), partners(key, year), products,
                    sankeys, null, null, null, null, null);
        }
        Map<String, Map<String, FicheExposure.Supplier>> suppliers = exposure.suppliers(key, year, level);
        return new Fiche(geoOf, year, level.name(), exports, total(totals.get("I")), partners(key, year), products, sankeys,
                exposure.trend(key, year), exposure.exposure(key, year),
                exposure.dependence(suppliers.get("I"), products.imports()),
                exposure.usExposure(suppliers.get("E"), products.exports()),
                exposure.specialisation(key, year, level, products.exports(), exports.totalEur()));
    }

    public TerritoryRecord territory(String geo) {
        String key = geo.strip().toLowerCase(Locale.ROOT);
        int colon = key.indexOf(':');
        if (colon > 0) {
            key = key.substring(0, colon) + ":" + key.substring(colon + 1).toUpperCase(Locale.ROOT);
        }
        TerritoryRecord t = dsl.selectFrom(TERRITORY).where(TERRITORY.GEO.eq(key)).fetchOne();
        if (t == null) {
            throw new FicheNotFoundException(FicheNotFoundException.Missing.TERRITORY, "unknown territory '" + geo
                    + "': use dep:CODE or reg:CODE with the customs' (DGDDI) codes, e.g. dep:87, dep:2A is dep:20 (all of Corse), reg:09, or fr");
        }
        return t;
    }

    public List<String> departements() {
        return dsl.select(TERRITORY.GEO).from(TERRITORY).where(TERRITORY.LEVEL.eq("departement")).orderBy(TERRITORY.GEO)
                .fetch(TERRITORY.GEO);
    }

    public List<Integer> loadedYears() {
        return dsl.selectDistinct(GEO_TOTAL.YEAR).from(GEO_TOTAL).orderBy(GEO_TOTAL.YEAR).fetch(r -> r.value1().intValue());
    }

    private static Fiche.FlowTotal total(GeoTotalRecord r) {
        if (r == null) {
            return new Fiche.FlowTotal(0, null, null, null);
        }
        return new Fiche.FlowTotal(r.getValueEur(), fraction(r.getShareOfRegion()), fraction(r.getShareOfFrance()),
                r.getPreviousYearEur());
    }

    private List<Fiche.Partner> partners(String geo, int year) {
        return dsl.selectFrom(PARTNER_RANKING)
                .where(PARTNER_RANKING.GEO.eq(geo), PARTNER_RANKING.YEAR.eq((short) year), PARTNER_RANKING.RANK.le((long) TOP))
                .orderBy(PARTNER_RANKING.RANK)
                .fetch(r -> new Fiche.Partner(r.getCountry(), r.getCountryName(), r.getImportsEur(), r.getExportsEur(),
                        r.getBalanceEur(), r.getPreviousImportsEur(), r.getPreviousExportsEur()));
    }

    /** The top 10, then AUTRES for the rest of the flow (its previous year: the rest of the previous total). */
    private List<Fiche.Product> products(String geo, int year, String flow, ProductLevel level, GeoTotalRecord total) {
        List<Fiche.Product> top = dsl.selectFrom(PRODUCT_RANKING)
                .where(PRODUCT_RANKING.GEO.eq(geo), PRODUCT_RANKING.YEAR.eq((short) year), PRODUCT_RANKING.FLOW.eq(flow),
                        PRODUCT_RANKING.LEVEL.eq(level.name()), PRODUCT_RANKING.RANK.le((long) TOP))
                .orderBy(PRODUCT_RANKING.RANK)
                .fetch(r -> new Fiche.Product(r.getProduct(), r.getProductName(), r.getValueEur(), fraction(r.getShare()),
                        r.getPreviousYearEur()));
        if (total == null) {
            return top;
        }
        long rest = total.getValueEur() - top.stream().mapToLong(Fiche.Product::valueEur).sum();
        Long previousRest = total.getPreviousYearEur() == null ? null : total.getPreviousYearEur()
                - top.stream().mapToLong(p -> p.previousYearEur() == null ? 0 : p.previousYearEur()).sum();
        List<Fiche.Product> all = new ArrayList<>(top);
        if (rest > 0) {
            all.add(new Fiche.Product(Fiche.OTHERS, "Autres produits", rest,
                    total.getValueEur() == 0 ? 0 : (double) rest / total.getValueEur(), previousRest));
        }
        return all;
    }

    private Fiche.Sankey sankey(String geo, int year, String flow, ProductLevel level) {
        List<Fiche.Link> links = dsl.selectFrom(SANKEY_LINK)
                .where(SANKEY_LINK.GEO.eq(geo), SANKEY_LINK.YEAR.eq((short) year), SANKEY_LINK.FLOW.eq(flow),
                        SANKEY_LINK.LEVEL.eq(level.name()))
                .orderBy(SANKEY_LINK.VALUE_EUR.desc(), SANKEY_LINK.PRODUCT, SANKEY_LINK.COUNTRY)
                .fetch(r -> new Fiche.Link(r.getProduct(), r.getCountry(), r.getValueEur(), r.getHighlightRank() != null));
        Map<String, String> productNames = dsl.select(PRODUCT_RANKING.PRODUCT, PRODUCT_RANKING.PRODUCT_NAME)
                .from(PRODUCT_RANKING)
                .where(PRODUCT_RANKING.GEO.eq(geo), PRODUCT_RANKING.YEAR.eq((short) year), PRODUCT_RANKING.FLOW.eq(flow),
                        PRODUCT_RANKING.LEVEL.eq(level.name()), PRODUCT_RANKING.RANK.le((long) TOP))
                .fetchMap(PRODUCT_RANKING.PRODUCT, PRODUCT_RANKING.PRODUCT_NAME);
        List<String> countries = links.stream().map(Fiche.Link::country).distinct().toList();
        Map<String, String> countryNames = dsl.select(DIM_PARTNER_COUNTRY.CODE, DIM_PARTNER_COUNTRY.LABEL)
                .from(DIM_PARTNER_COUNTRY).where(DIM_PARTNER_COUNTRY.CODE.in(countries))
                .fetchMap(DIM_PARTNER_COUNTRY.CODE, DIM_PARTNER_COUNTRY.LABEL);
        return new Fiche.Sankey(nodes(links, Fiche.Link::product, productNames, "Autres produits"),
                nodes(links, Fiche.Link::country, countryNames, "Autres pays"), links);
    }

    /** One side's nodes, largest total first (ties: smaller code), AUTRES last. */
    private static List<Fiche.Node> nodes(List<Fiche.Link> links, Function<Fiche.Link, String> side,
                                          Map<String, String> names, String othersName) {
        Map<String, Long> totals = links.stream().collect(Collectors.groupingBy(side, Collectors.summingLong(Fiche.Link::valueEur)));
        List<Fiche.Node> nodes = totals.entrySet().stream()
                .filter(e -> !e.getKey().equals(Fiche.OTHERS))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Fiche.Node(e.getKey(), names.getOrDefault(e.getKey(), e.getKey())))
                .collect(Collectors.toCollection(ArrayList::new));
        if (totals.containsKey(Fiche.OTHERS)) {
            nodes.add(new Fiche.Node(Fiche.OTHERS, othersName));
        }
        return nodes;
    }

    private static Double fraction(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

}
