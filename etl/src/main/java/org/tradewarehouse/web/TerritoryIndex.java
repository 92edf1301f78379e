package org.tradewarehouse.web;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.tradewarehouse.db.mart.Tables.GEO_TOTAL;
import static org.tradewarehouse.db.mart.Tables.TERRITORY;

/** The territories that have a fiche, with the years loaded for each: France, then régions, then départements. */
@Service
public class TerritoryIndex {

    /** A territory and the years it has data for, in increasing order. */
    public record Entry(String geo, String level, String name, String regionName, List<Integer> years) {

        public String slug() {
            return GeoSlug.of(geo);
        }

        public String levelLabel() {
            return TerritoryIndex.levelLabel(geo);
        }
    }

    private final DSLContext dsl;

    /** Département, Région or France, from a territory's code (dep:87, reg:09, fr). */
    static String levelLabel(String geo) {
        return geo.startsWith("dep:") ? "Département" : geo.startsWith("reg:") ? "Région" : "France";
    }

    public TerritoryIndex(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every territory with a fiche; none in a warehouse never loaded. */
    public List<Entry> all() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        dsl.select(TERRITORY.GEO, TERRITORY.LEVEL, TERRITORY.NAME, TERRITORY.REGION_NAME, GEO_TOTAL.YEAR)
                .from(TERRITORY).join(GEO_TOTAL).on(GEO_TOTAL.GEO.eq(TERRITORY.GEO))
                .orderBy(DSL.when(TERRITORY.LEVEL.eq("france"), 0).when(TERRITORY.LEVEL.eq("region"), 1).otherwise(2),
                        TERRITORY.GEO, GEO_TOTAL.YEAR)
                .forEach(r -> {
                    List<Integer> years = entries.computeIfAbsent(r.value1(),
                            geo -> new Entry(geo, r.value2(), r.value3(), r.value4(), new ArrayList<>())).years();
                    int year = r.value5().intValue();
                    if (!years.contains(year)) { // one row per flow
                        years.add(year);
                    }
                });
        return List.copyOf(entries.values());
    }

    /** Those with data in {@code year}. */
    public List<Entry> of(int year) {
        return all().stream().filter(e -> e.years().contains(year)).toList();
    }
}
