package org.tradewarehouse.ingest;

import org.jooq.DSLContext;

import java.util.List;
import java.util.Locale;

/**
 * Replaces the (quarter, flow) slices that a staged load holds in the two tables split that way: the facts, and their
 * sums (dw.slice_sum). The new slices are built as tables of their own (filled in one pass through a partitioned
 * shadow table that routes each row), then swapped for the old partitions. Run inside the publish transaction: the
 * swap takes its locks only at the very end, and other slices are never touched.
 */
class FactSlices {

    record Slice(char flow, int timeKey, long rows, long valueEur) {
        String partition(SlicedTable table) {
            return flowPartition(table) + "_" + timeKey;
        }

        String flowPartition(SlicedTable table) {
            return table.name() + "_" + Character.toLowerCase(flow);
        }
    }

    /** A table of schema dw partitioned per flow then per quarter, and the query selecting a load's rows for it. */
    record SlicedTable(String name, String columns, String loadRows) {
    }

    static final SlicedTable FACTS = new SlicedTable("fact_trade",
            "time_key, geo_key, product_key, partner_key, flow, value_eur, mass_kg, load_id",
            "select s.time_key, g.geo_key, p.product_key, c.partner_key, s.flow, s.value_eur, s.mass_kg, s.load_id"
                    + " from staging.trade_row s"
                    + " join dw.dim_geography g on g.dep_code = s.dep_code"
                    + " join dw.dim_product p on p.cpf4 = s.cpf4"
                    + " join dw.dim_partner_country c on c.code = s.country"
                    + " where s.load_id = ?");

    static final SlicedTable SUMS = new SlicedTable("slice_sum", "time_key, flow, dep_code, country, cpf4, value_eur, lines",
            "select time_key, flow, dep_code, country, cpf4, value_eur, lines from staging.slice_sum where load_id = ?");

    private final DSLContext dsl;

    FactSlices(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The slices the staging step counted. */
    static List<Slice> of(StagedSummary staged) {
        return staged.slices.entrySet().stream()
                .map(e -> new Slice(e.getKey().charAt(0), Integer.parseInt(e.getKey().substring(1)), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** Builds and swaps in every fact slice of the load; fails (and so rolls back) if a staged row did not make it. */
    void replace(long loadId, List<Slice> slices) {
        // Fresh staging has no statistics: without them the planner probes the dimensions' indexes row by row.
        dsl.execute("analyze staging.trade_row");
        checkEveryRowBuilt(slices, replace(FACTS, loadId, slices));
    }

    /** Builds and swaps in the slices of the load in the given table: the number of rows built. */
    int replace(SlicedTable table, long loadId, List<Slice> slices) {
        String shadow = "staging." + table.name() + "_shadow_" + loadId;
        dsl.execute("create table " + shadow + " (like dw." + table.name() + " including defaults) partition by list (flow)");
        for (char flow : slices.stream().map(Slice::flow).distinct().toList()) {
            dsl.execute(String.format(Locale.ROOT, "create table %s_%c partition of %s for values in ('%c') partition by list (time_key)",
                    shadow, Character.toLowerCase(flow), shadow, flow));
        }
        for (Slice s : slices) {
            // The check constraint proves the slice's bounds, so attaching it to the warehouse needs no scan.
            dsl.execute(String.format(Locale.ROOT, "create table dw.%s_new (like dw.%s including defaults including constraints,"
                            + " constraint %s_bounds check (flow = '%c' and time_key = %d))",
                    s.partition(table), table.name(), s.partition(table), s.flow(), s.timeKey()));
            dsl.execute(String.format(Locale.ROOT, "alter table %s_%c attach partition dw.%s_new for values in (%d)",
                    shadow, Character.toLowerCase(s.flow()), s.partition(table), s.timeKey()));
        }
        int built = dsl.execute("insert into " + shadow + " (" + table.columns() + ") " + table.loadRows(), loadId);
        for (Slice s : slices) {
            dsl.execute(String.format(Locale.ROOT, "alter table %s_%c detach partition dw.%s_new",
                    shadow, Character.toLowerCase(s.flow()), s.partition(table)));
            if (exists(s.partition(table))) {
                dsl.execute("drop table dw." + s.partition(table));
            }
            dsl.execute(String.format(Locale.ROOT, "alter table dw.%s_new rename to %s", s.partition(table), s.partition(table)));
            dsl.execute(String.format(Locale.ROOT, "alter table dw.%s attach partition dw.%s for values in (%d)",
                    s.flowPartition(table), s.partition(table), s.timeKey()));
        }
        dsl.execute("drop table " + shadow);
        return built;
    }

    /**
     * Values are copied as they are and each staged row joins one row of each dimension at most, so the same number
     * of rows means every euro made it. Fewer means staging lost rows (PostgreSQL restarted: staging is unlogged).
     */
    private static void checkEveryRowBuilt(List<Slice> slices, long built) {
        long staged = slices.stream().mapToLong(Slice::rows).sum();
        if (built != staged) {
            throw new StagingLostException(staged, built);
        }
    }

    private boolean exists(String partition) {
        return dsl.fetchExists(dsl.selectOne().from("pg_tables").where("schemaname = 'dw' and tablename = ?", partition));
    }
}
