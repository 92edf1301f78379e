package org.tradewarehouse.ingest;

import org.jooq.DSLContext;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Replaces the (quarter, flow) slices that a staged load holds in the two tables split that way: the facts, and their
 * sums (dw.slice_sum). The new slices are built as tables of their own (filled in one pass through a partitioned
 * shadow table that routes each row), then swapped for the old partitions. Run inside the publish transaction: the
 * swap takes its locks only at the very end, and other slices are never touched.
 */
class FactSlices {

    record Slice(char flow, int timeKey, long rows, long valueEur) {
        String partition(String table) {
            return flowPartition(table) + "_" + timeKey;
        }

        String flowPartition(String table) {
            return table + "_" + Character.toLowerCase(flow);
        }
    }

    /** Fills the shadow table, whose partitions are the load's new slices, with the load's rows: how many. */
    @FunctionalInterface
    private interface Fill {
        long into(String shadow) throws SQLException;
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

    /** Builds and swaps in every fact slice of the load; fails (and so rolls back) if a staged row did not make it. */
    void replaceFacts(long loadId, List<Slice> slices) {
        // Fresh staging has no statistics: without them the planner probes the dimensions' indexes row by row.
        dsl.execute("analyze staging.trade_row");
        long built = replace("fact_trade", loadId, slices, shadow -> dsl.execute("insert into " + shadow
                + " (time_key, geo_key, product_key, partner_key, flow, value_eur, mass_kg, load_id)"
                + " select s.time_key, g.geo_key, p.product_key, c.partner_key, s.flow, s.value_eur, s.mass_kg, s.load_id"
                + " from staging.trade_row s"
                + " join dw.dim_geography g on g.dep_code = s.dep_code"
                + " join dw.dim_product p on p.cpf4 = s.cpf4"
                + " join dw.dim_partner_country c on c.code = s.country"
                + " where s.load_id = ?", loadId));
        checkEveryRowBuilt(slices, built);
    }

    /**
     * Builds and swaps in the sums of every slice of the load: the ones made while staging when there are (copied in),
     * else summed from the staged rows.
     */
    void replaceSums(long loadId, List<Slice> slices, Optional<List<SliceSums.Sum>> made) {
        replace("slice_sum", loadId, slices, shadow -> made.isPresent() ? copy(shadow, made.get()) : dsl.execute("insert into " + shadow
                + " " + SUM_COLUMNS + " select time_key, flow, dep_code, country, cpf4, sum(value_eur)::bigint, count(*)::integer"
                + " from staging.trade_row where load_id = ?"
                + " group by grouping sets ((time_key, flow, dep_code, country), (time_key, flow, dep_code, cpf4))", loadId));
    }

    private long copy(String shadow, List<SliceSums.Sum> sums) throws SQLException {
        CopyText rows = new CopyText();
        for (SliceSums.Sum s : sums) {
            rows.field(s.timeKey()).field(String.valueOf(s.flow())).field(s.depCode()).field(s.country()).field(s.cpf4())
                    .field(s.valueEur()).field(s.lines()).endRow();
        }
        return rows.copyIn(dataSource, "COPY " + shadow + " " + SUM_COLUMNS + " FROM STDIN");
    }

    /** Builds the load's slices of the table as tables of their own, filled through a shadow, and swaps them in. */
    private long replace(String table, long loadId, List<Slice> slices, Fill fill) {
        String shadow = "staging." + table + "_shadow_" + loadId;
        dsl.execute("create table " + shadow + " (like dw." + table + " including defaults) partition by list (flow)");
        for (char flow : slices.stream().map(Slice::flow).distinct().toList()) {
            dsl.execute(String.format(Locale.ROOT, "create table %s_%c partition of %s for values in ('%c') partition by list (time_key)",
                    shadow, Character.toLowerCase(flow), shadow, flow));
        }
        for (Slice s : slices) {
            // The check constraint proves the slice's bounds, so attaching it to the warehouse needs no scan.
            dsl.execute(String.format(Locale.ROOT, "create table dw.%s_new (like dw.%s including defaults including constraints,"
                            + " constraint %s_bounds check (flow = '%c' and time_key = %d))",
                    s.partition(table), table, s.partition(table), s.flow(), s.timeKey()));
            dsl.execute(String.format(Locale.ROOT, "alter table %s_%c attach partition dw.%s_new for values in (%d)",
                    shadow, Character.toLowerCase(s.flow()), s.partition(table), s.timeKey()));
        }
        long built;
        try {
            built = fill.into(shadow);
        } catch (SQLException e) {
            throw new IllegalStateException("could not fill the new slices of dw." + table + ": " + e.getMessage(), e);
        }
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
