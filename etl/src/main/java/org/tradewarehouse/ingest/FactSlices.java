package org.tradewarehouse.ingest;

import org.jooq.DSLContext;

import java.util.List;
import java.util.Locale;

/**
 * Replaces the (quarter, flow) slices of the fact table that a staged load holds. The new slices are built as
 * tables of their own (filled in one pass through a partitioned shadow table that routes each row), then swapped
 * for the old partitions. Run inside the publish transaction: the swap takes its locks only at the very end, and
 * other slices are never touched.
 */
class FactSlices {

    record Slice(char flow, int timeKey, long rows, long valueEur) {
        String partition() {
            return "fact_trade_" + Character.toLowerCase(flow) + "_" + timeKey;
        }

        String flowPartition() {
            return "fact_trade_" + Character.toLowerCase(flow);
        }
    }

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

    /** Builds and swaps in every slice of the load; fails (and so rolls back) if a staged row did not make it. */
    void replace(long loadId, List<Slice> slices) {
        String shadow = "staging.fact_shadow_" + loadId;
        dsl.execute("create table " + shadow + " (like dw.fact_trade including defaults) partition by list (flow)");
        for (char flow : slices.stream().map(Slice::flow).distinct().toList()) {
            dsl.execute(String.format(Locale.ROOT, "create table %s_%c partition of %s for values in ('%c') partition by list (time_key)",
                    shadow, Character.toLowerCase(flow), shadow, flow));
        }
        for (Slice s : slices) {
            // The check constraint proves the slice's bounds, so attaching it to the warehouse needs no scan.
            dsl.execute(String.format(Locale.ROOT, "create table dw.%s_new (like dw.fact_trade including defaults including constraints,"
                            + " constraint %s_bounds check (flow = '%c' and time_key = %d))",
                    s.partition(), s.partition(), s.flow(), s.timeKey()));
            dsl.execute(String.format(Locale.ROOT, "alter table %s_%c attach partition dw.%s_new for values in (%d)",
                    shadow, Character.toLowerCase(s.flow()), s.partition(), s.timeKey()));
        }
        // Fresh staging has no statistics: without them the planner probes the dimensions' indexes row by row.
        dsl.execute("analyze staging.trade_row");
        int built = dsl.execute("insert into " + shadow + " (time_key, geo_key, product_key, partner_key, flow, value_eur, mass_kg, load_id)"
                + " select s.time_key, g.geo_key, p.product_key, c.partner_key, s.flow, s.value_eur, s.mass_kg, ?"
                + " from staging.trade_row s"
                + " join dw.dim_geography g on g.dep_code = s.dep_code"
                + " join dw.dim_product p on p.cpf4 = s.cpf4"
                + " join dw.dim_partner_country c on c.code = s.country"
                + " where s.load_id = ?", loadId, loadId);
        checkEveryRowBuilt(slices, built);
        for (Slice s : slices) {
            dsl.execute(String.format(Locale.ROOT, "alter table %s_%c detach partition dw.%s_new",
                    shadow, Character.toLowerCase(s.flow()), s.partition()));
            if (exists(s.partition())) {
                dsl.execute("drop table dw." + s.partition());
            }
            dsl.execute(String.format(Locale.ROOT, "alter table dw.%s_new rename to %s", s.partition(), s.partition()));
            dsl.execute(String.format(Locale.ROOT, "alter table dw.%s attach partition dw.%s for values in (%d)",
                    s.flowPartition(), s.partition(), s.timeKey()));
        }
        dsl.execute("drop table " + shadow);
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
