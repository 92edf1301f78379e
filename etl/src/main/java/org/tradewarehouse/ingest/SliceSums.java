package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.jooq.Record;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The sums the rankings start from (dw.slice_sum): each slice's facts summed per département and partner country,
 * and per département and CPF4. They are summed from the staged lines into staging.slice_sum on a connection of their
 * own, in the background while the publish transaction builds the fact slices (PostgreSQL then works on both cores);
 * that transaction then swaps them in with the fact slices.
 */
class SliceSums implements AutoCloseable {

    private static final String SUM = "insert into staging.slice_sum (load_id, time_key, flow, dep_code, country, cpf4, value_eur, lines)"
            + " select load_id, time_key, flow, dep_code, country, cpf4, sum(value_eur)::bigint, count(*)::integer"
            + " from staging.trade_row where load_id = ?"
            + " group by grouping sets ((load_id, time_key, flow, dep_code, country), (load_id, time_key, flow, dep_code, cpf4))";

    private final long loadId;
    private final CompletableFuture<Void> summed;
    private volatile Statement running;

    private SliceSums(DataSource dataSource, long loadId, String workMem) {
        this.loadId = loadId;
        this.summed = CompletableFuture.runAsync(() -> sum(dataSource, workMem), task -> {
            Thread t = new Thread(task, "slice-sums");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Starts summing the load's staged lines in the background. */
    static SliceSums start(DataSource dataSource, long loadId, String workMem) {
        return new SliceSums(dataSource, loadId, workMem);
    }

    private void sum(DataSource dataSource, String workMem) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            running = st;
            c.setAutoCommit(false);
            // One summing at a time: a retry never adds its sums to those of an attempt still running.
            st.execute("lock table staging.slice_sum in share row exclusive mode");
            st.execute("delete from staging.slice_sum where load_id = " + loadId);
            // About 400,000 groups for a full year: hashed in memory, on this core only (the other builds the facts).
            st.execute("set local work_mem = '" + workMem + "'");
            st.execute("set local hash_mem_multiplier = 8");
            st.execute("set local max_parallel_workers_per_gather = 0");
            st.execute(SUM.replace("?", Long.toString(loadId)));
            c.commit();
        } catch (SQLException e) {
            throw new CompletionException(e);
        } finally {
            running = null;
        }
    }

    /**
     * In the publish transaction: waits for the sums, and fails unless, for each slice, the sums per country and the
     * sums per CPF4 each count every staged line and euro once.
     */
    void awaitChecked(DSLContext dsl, List<FactSlices.Slice> slices) {
        try {
            summed.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("could not sum the staged lines of load " + loadId + ": " + e.getCause().getMessage(), e.getCause());
        }
        checkTotals(dsl, slices);
    }

    private void checkTotals(DSLContext dsl, List<FactSlices.Slice> slices) {
        Map<String, long[]> totals = new HashMap<>();
        for (Record r : dsl.fetch("select time_key, flow, country is null as by_cpf4, sum(lines)::bigint as lines,"
                + " sum(value_eur)::bigint as eur from staging.slice_sum where load_id = ? group by 1, 2, 3", loadId)) {
            String key = r.get("flow", String.class) + r.get("time_key", Integer.class) + (r.get("by_cpf4", Boolean.class) ? "P" : "C");
            totals.put(key, new long[] {r.get("lines", Long.class), r.get("eur", Long.class)});
        }
        for (FactSlices.Slice s : slices) {
            for (String by : List.of("C", "P")) {
                long[] t = totals.getOrDefault(s.flow() + String.valueOf(s.timeKey()) + by, new long[2]);
                if (t[0] != s.rows() || t[1] != s.valueEur()) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "the sums of slice %d-T%d %c of load %d count %,d lines"
                            + " and %,d euros, but %,d lines and %,d euros were staged", s.timeKey() / 10, s.timeKey() % 10,
                            s.flow(), loadId, t[0], t[1], s.rows(), s.valueEur()));
                }
            }
        }
    }

    /** Stops the summing if it still runs (the publish failed before it needed the sums) and waits for it to end. */
    @Override
    public void close() {
        Statement st = running;
        if (!summed.isDone() && st != null) {
            try {
                st.cancel();
            } catch (SQLException e) {
                // the summing ends by itself; waiting below is all that matters
            }
        }
        try {
            summed.join();
        } catch (CompletionException | CancellationException e) {
            // already reported by replace(), or not needed any more
        }
    }
}
