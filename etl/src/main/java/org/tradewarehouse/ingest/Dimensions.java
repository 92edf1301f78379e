package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.tradewarehouse.ingest.DimensionKeys.Kind;
import org.tradewarehouse.nomenclature.Na2008;
import org.tradewarehouse.nomenclature.PartnerCountries;
import org.tradewarehouse.nomenclature.Territories;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.tradewarehouse.db.dw.Tables.DIM_GEOGRAPHY;
import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.dw.Tables.DIM_PRODUCT;
import static org.tradewarehouse.db.dw.Tables.DIM_TIME;
import static org.tradewarehouse.db.staging.Tables.DIM_KEY;

/**
 * Brings the dimensions up to date with the codes a staged load uses, labelled from the annexes (this load's
 * or earlier ones', the label valid for the load's latest period). A code no annex knows is still loaded, with
 * a placeholder label, and reported. A code new to a dimension gets the key its rows were staged with (reserved
 * by {@link DimensionKeys}).
 */
class Dimensions {

    private static final org.tradewarehouse.db.dw.tables.AnnexLabel LABEL = org.tradewarehouse.db.dw.Tables.ANNEX_LABEL;
    private static final org.tradewarehouse.db.staging.tables.AnnexLabel STAGED_LABEL =
            org.tradewarehouse.db.staging.Tables.ANNEX_LABEL;

    private final DSLContext dsl;
    private final Na2008 na2008;

    Dimensions(DSLContext dsl, Na2008 na2008) {
        this.dsl = dsl;
        this.na2008 = na2008;
    }

    /** Updates every dimension for the staged load; returns the codes absent from the nomenclatures. */
    List<String> update(long loadId, StagedSummary staged, List<FactSlices.Slice> slices) {
        keepAnnexLabels(loadId);
        int lastYear = slices.stream().mapToInt(s -> s.timeKey() / 10).max().orElse(0);
        int period = lastYear * 100 + 12;
        for (int timeKey : slices.stream().map(FactSlices.Slice::timeKey).distinct().toList()) {
            int year = timeKey / 10;
            int quarter = timeKey % 10;
            dsl.insertInto(DIM_TIME, DIM_TIME.TIME_KEY, DIM_TIME.YEAR, DIM_TIME.QUARTER, DIM_TIME.LABEL)
                    .values(timeKey, (short) year, (short) quarter, year + "-T" + quarter).onConflictDoNothing().execute();
        }
        List<String> unknown = new ArrayList<>();
        List<Query> upserts = new ArrayList<>();
        Map<Kind, Map<String, Integer>> reserved = DimensionKeys.reserved(dsl, loadId);
        updateGeography(staged.departements, period, unknown, upserts, reserved.get(Kind.DEPARTEMENT));
        updateProducts(staged.products, period, unknown, upserts, reserved.get(Kind.CPF4));
        updatePartners(staged.countries.keySet(), period, unknown, upserts, reserved.get(Kind.PAYS));
        dsl.batch(upserts).execute(); // one round trip for hundreds of codes
        checkReservedKeysKept(loadId);
        return unknown;
    }

    /**
     * Each code staged with a reserved key has that key in its dimension. A new load abandons an unfinished one, so
     * no other load can give the code a key between this one's staging and its publishing.
     */
    private void checkReservedKeysKept(long loadId) {
        for (Kind kind : Kind.values()) {
            List<String> moved = dsl.select(DIM_KEY.CODE).from(DIM_KEY).join(kind.table).on(kind.code.eq(DIM_KEY.CODE))
                    .where(DIM_KEY.LOAD_ID.eq(loadId), DIM_KEY.KIND.eq(kind.name()), kind.key.ne(DIM_KEY.KEY))
                    .fetch(DIM_KEY.CODE);
            if (!moved.isEmpty()) {
                throw new IllegalStateException("the " + kind.name() + " code(s) " + moved + " were staged with a key"
                        + " that their dimension gave another code meanwhile; nothing was published; run the load again");
            }
        }
    }

    private void keepAnnexLabels(long loadId) {
        dsl.insertInto(LABEL, LABEL.KIND, LABEL.CODE, LABEL.LABEL, LABEL.VALID_FROM, LABEL.VALID_TO, LABEL.REGION_CODE,
                        LABEL.REGION_NAME)
                .select(dsl.select(STAGED_LABEL.KIND, STAGED_LABEL.CODE, STAGED_LABEL.LABEL, STAGED_LABEL.VALID_FROM,
                                STAGED_LABEL.VALID_TO, STAGED_LABEL.REGION_CODE, STAGED_LABEL.REGION_NAME)
                        .distinctOn(STAGED_LABEL.KIND, STAGED_LABEL.CODE, STAGED_LABEL.VALID_FROM)
                        .from(STAGED_LABEL).where(STAGED_LABEL.LOAD_ID.eq(loadId))
                        .orderBy(STAGED_LABEL.KIND, STAGED_LABEL.CODE, STAGED_LABEL.VALID_FROM))
                .onConflict(LABEL.KIND, LABEL.CODE, LABEL.VALID_FROM).doUpdate()
                .set(LABEL.LABEL, excluded(LABEL.LABEL)).set(LABEL.VALID_TO, excluded(LABEL.VALID_TO))
                .set(LABEL.REGION_CODE, excluded(LABEL.REGION_CODE)).set(LABEL.REGION_NAME, excluded(LABEL.REGION_NAME))
                .execute();
    }

    /** Labels of one annex, the one valid at {@code period} for each code (else the latest one). */
    private Map<String, ? extends Record> labels(String kind, int period) {
        return dsl.select(LABEL.CODE, LABEL.LABEL, LABEL.REGION_CODE, LABEL.REGION_NAME).distinctOn(LABEL.CODE)
                .from(LABEL).where(LABEL.KIND.eq(kind))
                .orderBy(LABEL.CODE, field(LABEL.VALID_FROM.le(period).and(LABEL.VALID_TO.ge(period))).desc(),
                        LABEL.VALID_FROM.desc())
                .fetchMap(LABEL.CODE);
    }

    private void updateGeography(Map<String, String> departements, int period, List<String> unknown, List<Query> upserts,
                                 Map<String, Integer> reserved) {
        Map<String, ? extends Record> annex = labels("DEPARTEMENT", period);
        Set<String> known = dsl.select(DIM_GEOGRAPHY.DEP_CODE).from(DIM_GEOGRAPHY).where(DIM_GEOGRAPHY.KNOWN.isTrue())
                .fetchSet(DIM_GEOGRAPHY.DEP_CODE);
        for (var staged : departements.entrySet()) {
            String dep = staged.getKey();
            Record label = annex.get(dep);
            if (label == null) {
                if (!known.contains(dep)) {
                    unknown.add("département " + dep);
                    String region = staged.getValue();
                    upserts.add(upsertGeography(dep, reserved.get(dep), "Département " + dep + " (absent de la nomenclature)",
                            region, "Région " + region, false));
                }
                continue;
            }
            upserts.add(upsertGeography(dep, reserved.get(dep), label.get(LABEL.LABEL),
                    label.get(LABEL.REGION_CODE), label.get(LABEL.REGION_NAME), true));
        }
    }

    private Query upsertGeography(String dep, Integer key, String name, String region, String regionName, boolean known) {
        String inseeRegion = Territories.inseeRegionOfDepartement(dep).orElse(null);
        String inseeRegionName = Territories.regionOfDepartement(dep).map(Territories.RegionRef::inseeName).orElse(null);
        String[] insee = Territories.inseeDepartements(dep).toArray(String[]::new);
        var row = dsl.newRecord(DIM_GEOGRAPHY);
        row.setDepCode(dep);
        row.setDepInseeCodes(insee);
        row.setDepName(name);
        row.setRegionCode(region);
        row.setRegionName(regionName);
        row.setRegionInseeCode(inseeRegion);
        row.setRegionInseeName(inseeRegionName);
        row.setKnown(known);
        row.changed(DIM_GEOGRAPHY.GEO_KEY, false);
        var insert = dsl.insertInto(DIM_GEOGRAPHY).set(row);
        return (key == null ? insert : insert.set(DIM_GEOGRAPHY.GEO_KEY, key))
                .onConflict(DIM_GEOGRAPHY.DEP_CODE).doUpdate().set(row);
    }

    private void updateProducts(Map<String, String> products, int period, List<String> unknown, List<Query> upserts,
                                Map<String, Integer> reserved) {
        Map<String, ? extends Record> cpf4Labels = labels("CPF4", period);
        Map<String, ? extends Record> a129Labels = labels("A129", period);
        Map<String, String> existing = dsl.select(DIM_PRODUCT.CPF4, DIM_PRODUCT.CPF4_LABEL).from(DIM_PRODUCT)
                .where(DIM_PRODUCT.KNOWN.isTrue()).fetchMap(DIM_PRODUCT.CPF4, DIM_PRODUCT.CPF4_LABEL);
        for (var staged : products.entrySet()) {
            String cpf4 = staged.getKey();
            String a129 = staged.getValue();
            Record cpf4Label = cpf4Labels.get(cpf4);
            if (cpf4Label == null && existing.containsKey(cpf4)) {
                continue; // known from an earlier load; this publication shipped no annex
            }
            if (cpf4Label == null) {
                unknown.add("CPF4 " + cpf4);
            }
            Record a129Label = a129Labels.get(a129);
            var levels = na2008.forCpf4(cpf4).orElse(null);
            var row = dsl.newRecord(DIM_PRODUCT);
            row.setCpf4(cpf4);
            row.setCpf4Label(cpf4Label != null ? cpf4Label.get(LABEL.LABEL) : "CPF4 " + cpf4 + " (absent de la nomenclature)");
            row.setA129(a129);
            row.setA129Label(a129Label != null ? a129Label.get(LABEL.LABEL) : "A129 " + a129);
            row.setKnown(cpf4Label != null);
            if (levels != null) {
                row.setA88(levels.a88());
                row.setA88Label(levels.a88Label());
                row.setA64(levels.a64());
                row.setA64Label(levels.a64Label());
                row.setA38(levels.a38());
                row.setA38Label(levels.a38Label());
                row.setA21(levels.a21());
                row.setA21Label(levels.a21Label());
                row.setA17(levels.a17());
                row.setA17Label(levels.a17Label());
                row.setA10(levels.a10());
                row.setA10Label(levels.a10Label());
            }
            row.changed(DIM_PRODUCT.PRODUCT_KEY, false);
            var insert = dsl.insertInto(DIM_PRODUCT).set(row);
            Integer key = reserved.get(cpf4);
            upserts.add((key == null ? insert : insert.set(DIM_PRODUCT.PRODUCT_KEY, key))
                    .onConflict(DIM_PRODUCT.CPF4).doUpdate().set(row));
        }
        // An A129 label is its group's: the CPF4s of the group that only earlier publications held take it too, else
        // the group would have two names and the rankings, one row per group, two rows.
        for (String a129 : new TreeSet<>(products.values())) {
            Record a129Label = a129Labels.get(a129);
            if (a129Label != null) {
                String label = a129Label.get(LABEL.LABEL);
                upserts.add(dsl.update(DIM_PRODUCT).set(DIM_PRODUCT.A129_LABEL, label)
                        .where(DIM_PRODUCT.A129.eq(a129), DIM_PRODUCT.A129_LABEL.ne(label)));
            }
        }
    }

    private void updatePartners(Set<String> countries, int period, List<String> unknown, List<Query> upserts,
                                Map<String, Integer> reserved) {
        Map<String, ? extends Record> annex = labels("PAYS", period);
        Set<String> known = dsl.select(DIM_PARTNER_COUNTRY.CODE).from(DIM_PARTNER_COUNTRY)
                .where(DIM_PARTNER_COUNTRY.KNOWN.isTrue()).fetchSet(DIM_PARTNER_COUNTRY.CODE);
        for (String code : countries) {
            Record label = annex.get(code);
            if (label == null && known.contains(code)) {
                continue;
            }
            if (label == null) {
                unknown.add("pays " + code);
            }
            String name = label != null ? label.get(LABEL.LABEL) : "Pays " + code + " (absent de la nomenclature)";
            boolean eu27 = PartnerCountries.isEu27(code);
            var row = dsl.newRecord(DIM_PARTNER_COUNTRY);
            row.setCode(code);
            row.setLabel(name);
            row.setEu27(eu27);
            row.setKnown(label != null);
            row.changed(DIM_PARTNER_COUNTRY.PARTNER_KEY, false);
            var insert = dsl.insertInto(DIM_PARTNER_COUNTRY).set(row);
            Integer key = reserved.get(code);
            upserts.add((key == null ? insert : insert.set(DIM_PARTNER_COUNTRY.PARTNER_KEY, key))
                    .onConflict(DIM_PARTNER_COUNTRY.CODE).doUpdate().set(row));
        }
    }

    static String describe(List<String> unknown) {
        return unknown.stream().sorted().collect(Collectors.joining(", "));
    }
}
