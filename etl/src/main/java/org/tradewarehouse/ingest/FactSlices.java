package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.SQLDataType;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.groupingSets;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.tradewarehouse.db.dw.Tables.DIM_GEOGRAPHY;
import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.dw.Tables.DIM_PRODUCT;
import static org.tradewarehouse.db.dw.Tables.FACT_TRADE;
import static org.tradewarehouse.db.dw.Tables.SLICE_SUM;

/**
 * The (quarter, flow) slices of a load, in the two tables split that way: the facts, and their sums (dw.slice_sum).
 * A load builds its new slices as tables of its own, in a partitioned table of the load's (its shadow, in staging)
 * that routes each row to its slice: the staging step copies the facts' rows there as it reads them, publishing the
 * sums. The publish transaction then swaps them in for the warehouse's slices: the swap takes its locks only at the
 * very end, and other slices are never touched.
 */
class FactSlices {

    static final String FACTS = "fact_trade";
    static final String SUMS = "slice_sum";

    record Slice(char flow, int timeKey, long rows, long valueEur) {
        /** "E20241", as the staging step counts it. */
        String key() {
            return flow + Integer.toString(timeKey);
        }
    }

    /** Fills the shadow, whose partitions are the load's new slices, with the load's rows. */
    @FunctionalInterface
    private interface Fill {
        void into(String shadow) throws SQLException;
    }

    private static final String SUM_COLUMNS = "(time_key, flow, dep_code, country, cpf4, value_eur, lines)";

    private final DSLContext dsl;
    private final DataSource dataSource;

    FactSlices(DSLContext dsl, DataSource dataSource) {
        this.dsl = dsl;
        this.dataSource = dataSource;
    }

    /** The slices the staging step counted. */
    static List<Slice> of(StagedSummary staged) {
        return staged.slices.entrySet().stream()
                .map(e -> new Slice(e.getKey().charAt(0), Integer.parseInt(e.getKey().substring(1)), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** The load's partitioned table whose partitions are its new slices of dw.{table}. */
    static String shadow(String table, long loadId) {
        return String.join(".", shadowName(table, loadId).getName());
    }

    private static Name shadowName(String table, long loadId) {
        return name("staging", table + "_" + loadId);
    }

    /** The slices ("E20241") the load's shadow of dw.{table} holds: none if it has no shadow yet. */
    Set<String> built(String table, long loadId) {
        String shadow = shadow(table, loadId);
        Set<String> result = new HashSet<>();
        dsl.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                        + " where i.inhparent in (to_regclass(?), to_regclass(?))", shadow + "_e", shadow + "_i")
                .forEach(r -> {
                    String name = r.get(0, String.class); // fact_trade_12_e_20241
                    result.add(Character.toUpperCase(name.charAt(name.length() - 7)) + name.substring(name.length() - 5));
                });
        return result;
    }

    /** Adds a slice to the load's shadow of dw.{table}, making the shadow first if it has none. */
    void add(String table, long loadId, char flow, int timeKey) {
        String shadow = shadow(table, loadId);
        if (!exists(shadow)) {
            dsl.execute("create table " + shadow + " (like dw." + table + " including defaults) partition by list (flow)");
            for (char f : new char[] {'E', 'I'}) {
                dsl.execute(String.format(Locale.ROOT, "create table %s_%c partition of %s for values in ('%c') partition by list (time_key)",
                        shadow, Character.toLowerCase(f), shadow, f));
            }
        }
        String slice = "staging." + stagedSlice(table, loadId, flow, timeKey);
        // The check constraint proves the slice's bounds, so attaching it to the warehouse needs no scan.
        dsl.execute(String.format(Locale.ROOT, "create table %s (like dw.%s including defaults including constraints,"
                + " constraint %s_bounds check (flow = '%c' and time_key = %d))", slice, table, partition(table, flow, timeKey), flow, timeKey));
        dsl.execute(String.format(Locale.ROOT, "alter table %s_%c attach partition %s for values in (%d)",
                shadow, Character.toLowerCase(flow), slice, timeKey));
    }

    /**
     * Checks that the load's new fact slices hold the rows and euros the staging step counted. Needed only when the
     * staging ran in more than one process: rows staged before the warehouse was upgraded are gone.
     */
    void checkStagedFacts(long loadId, List<Slice> slices) {
        Map<String, long[]> found = new HashMap<>();
        if (exists(shadow(FACTS, loadId))) {
            Name staged = shadowName(FACTS, loadId);
            Field<String> flow = column(staged, FACT_TRADE.FLOW);
            Field<Integer> timeKey = column(staged, FACT_TRADE.TIME_KEY);
            dsl.select(flow, timeKey, count(), sum(column(staged, FACT_TRADE.VALUE_EUR))).from(table(staged)).groupBy(flow, timeKey)
                    .forEach(r -> found.put(r.value1() + r.value2(), new long[] {r.value3(), r.value4().longValueExact()}));
        }
        long staged = 0;
        long present = 0;
        boolean same = found.size() == slices.size();
        for (Slice s : slices) {
            long[] f = found.getOrDefault(s.key(), new long[2]);
            staged += s.rows();
            present += f[0];
            same &= f[0] == s.rows() && f[1] == s.valueEur();
        }
        if (!same) {
            throw new StagingLostException(staged, present);
        }
    }

    /** Swaps the load's new fact slices, staged with their rows, in for the warehouse's. */
    void replaceFacts(long loadId, List<Slice> slices) {
        swapIn(FACTS, loadId, slices);
    }

    /**
     * Builds and swaps in the sums of every slice of the load: the ones made while staging when there are (copied in),
     * else summed from the load's new fact slices, which must still be staged (not swapped in yet).
     */
    void replaceSums(long loadId, List<Slice> slices, Optional<List<SliceSums.Sum>> made) {
        for (Slice s : slices) {
            add(SUMS, loadId, s.flow(), s.timeKey());
        }
        try {
            fill(loadId, made);
        } catch (SQLException e) {
            throw new IllegalStateException("could not sum the new slices of the load: " + e.getMessage(), e);
        }
        swapIn(SUMS, loadId, slices);
    }

    private void fill(long loadId, Optional<List<SliceSums.Sum>> made) throws SQLException {
        if (made.isPresent()) {
            CopyText rows = new CopyText();
            for (SliceSums.Sum s : made.get()) {
                rows.field(s.timeKey()).field(String.valueOf(s.flow())).field(s.depCode()).field(s.country()).field(s.cpf4())
                        .field(s.valueEur()).field(s.lines()).endRow();
            }
            rows.copyIn(dataSource, "COPY " + shadow(SUMS, loadId) + " " + SUM_COLUMNS + " FROM STDIN");
        } else if (exists(shadow(FACTS, loadId))) {
            // per département and country, and per département and CPF4, by code (as made while staging)
            Name f = shadowName(FACTS, loadId);
            Field<Integer> timeKey = column(f, FACT_TRADE.TIME_KEY);
            Field<String> flow = column(f, FACT_TRADE.FLOW);
            Name into = shadowName(SUMS, loadId);
            dsl.insertInto(table(into), column(into, SLICE_SUM.TIME_KEY), column(into, SLICE_SUM.FLOW), column(into, SLICE_SUM.DEP_CODE),
                            column(into, SLICE_SUM.COUNTRY), column(into, SLICE_SUM.CPF4), column(into, SLICE_SUM.VALUE_EUR),
                            column(into, SLICE_SUM.LINES))
                    .select(dsl.select(timeKey, flow, DIM_GEOGRAPHY.DEP_CODE, DIM_PARTNER_COUNTRY.CODE, DIM_PRODUCT.CPF4,
                                    sum(column(f, FACT_TRADE.VALUE_EUR)).cast(SQLDataType.BIGINT), count())
                            .from(table(f))
                            .join(DIM_GEOGRAPHY).on(DIM_GEOGRAPHY.GEO_KEY.eq(column(f, FACT_TRADE.GEO_KEY)))
                            .join(DIM_PRODUCT).on(DIM_PRODUCT.PRODUCT_KEY.eq(column(f, FACT_TRADE.PRODUCT_KEY)))
                            .join(DIM_PARTNER_COUNTRY).on(DIM_PARTNER_COUNTRY.PARTNER_KEY.eq(column(f, FACT_TRADE.PARTNER_KEY)))
                            .groupBy(groupingSets(new Field<?>[] {timeKey, flow, DIM_GEOGRAPHY.DEP_CODE, DIM_PARTNER_COUNTRY.CODE},
                                    new Field<?>[] {timeKey, flow, DIM_GEOGRAPHY.DEP_CODE, DIM_PRODUCT.CPF4})))
                    .execute();
        }
    }

    /**
     * A column of a table of the load's, typed as the warehouse table's it is made like (a generated table cannot be
     * renamed into another schema).
     */
    private static <T> Field<T> column(Name table, Field<T> like) {
        return field(table.append(like.getUnqualifiedName()), like.getDataType());
    }

    private boolean exists(String table) {
        return dsl.fetchValue(select(field("to_regclass({0})", Object.class, inline(table)))) != null;
    }

    /** Detaches each new slice from the load's shadow and attaches it to the warehouse in place of the old one. */
    private void swapIn(String table, long loadId, List<Slice> slices) {
        String shadow = shadow(table, loadId);
        for (Slice s : slices) {
            String slice = stagedSlice(table, loadId, s.flow(), s.timeKey());
            String partition = partition(table, s.flow(), s.timeKey());
            dsl.execute(String.format(Locale.ROOT, "alter table %s_%c detach partition staging.%s",
                    shadow, Character.toLowerCase(s.flow()), slice));
            dsl.execute("drop table if exists dw." + partition);
            dsl.execute("alter table staging." + slice + " set schema dw");
            dsl.execute("alter table dw." + slice + " rename to " + partition);
            dsl.execute(String.format(Locale.ROOT, "alter table dw.%s_%c attach partition dw.%s for values in (%d)",
                    table, Character.toLowerCase(s.flow()), partition, s.timeKey()));
        }
        drop(table, loadId);
    }

    /** Drops the load's shadow of dw.{table} and the slices it still holds. */
    void drop(String table, long loadId) {
        dsl.execute("drop table if exists " + shadow(table, loadId));
    }

    /** A load's new slice, in schema staging until swapped in, e.g. fact_trade_12_e_20241 ({@link #built} reads it back). */
    private static String stagedSlice(String table, long loadId, char flow, int timeKey) {
        return partition(table + "_" + loadId, flow, timeKey);
    }

    /** The warehouse's partition of a slice, e.g. fact_trade_e_20241. */
    private static String partition(String table, char flow, int timeKey) {
        return String.format(Locale.ROOT, "%s_%c_%d", table, Character.toLowerCase(flow), timeKey);
    }
}
