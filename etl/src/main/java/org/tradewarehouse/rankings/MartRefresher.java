package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tradewarehouse.db.mart.Tables;
import org.tradewarehouse.warehouse.MemorySize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.selectFrom;
import static org.tradewarehouse.db.dw.Tables.DIM_GEOGRAPHY;
import static org.tradewarehouse.db.dw.Tables.DIM_PARTNER_COUNTRY;
import static org.tradewarehouse.db.dw.Tables.DIM_PRODUCT;
import static org.tradewarehouse.db.dw.Tables.LOAD_SLICE;
import static org.tradewarehouse.db.mart.Tables.CPF4_SUM;
import static org.tradewarehouse.db.mart.Tables.GEO_TOTAL;
import static org.tradewarehouse.db.mart.Tables.PARTNER_EXPOSURE;
import static org.tradewarehouse.db.mart.Tables.PARTNER_RANKING;
import static org.tradewarehouse.db.mart.Tables.PARTNER_SUM;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_RANKING;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_SUM;
import static org.tradewarehouse.db.mart.Tables.PRODUCT_SUPPLIER;
import static org.tradewarehouse.db.mart.Tables.QUARTER_TOTAL;
import static org.tradewarehouse.db.mart.Tables.REFRESH_STATE;
import static org.tradewarehouse.db.mart.Tables.SANKEY_COUNTRY;
import static org.tradewarehouse.db.mart.Tables.SANKEY_COUNTRY_KEY;
import static org.tradewarehouse.db.mart.Tables.SANKEY_LINK;
import static org.tradewarehouse.db.mart.Tables.SANKEY_PAIR;
import static org.tradewarehouse.db.mart.Tables.SANKEY_PRODUCT_KEY;

/**
 * Refreshes the marts the fiche reads for the years a load touched, in dependency order, on several connections at
 * once. Each mart is a table whose rows for some years its function gives ({@code mart.geo_total_rows(years,
 * quarters)}, defined in warehouse-ddl's marts/): a year is refreshed by deleting its rows and inserting them again, so
 * a load costs what it changes, not what the warehouse holds. The marts that give the change from the year before
 * (totals, partners, products) are also refreshed for the year after each touched year.
 * <p>
 * The intermediate marts, read by the other marts only, are rebuilt two at a time on connections of their own, each as
 * soon as the marts it reads are built, each committed once built: the partners' side and the products' side, then the
 * Sankey's pass over the facts. Meanwhile the caller's transaction rebuilds the marts readers query, each once the
 * intermediate marts it reads are committed: a dashboard reading them is never blocked, and sees the refreshed years all
 * at once when the caller commits.
 * <p>
 * When the marts' definitions or the dimensions' labels changed since the last refresh (a schema upgrade, a load with
 * new annexes), every year is rebuilt: the rows of the others would be out of date.
 */
@Component
public class MartRefresher {

    private static final Logger log = LoggerFactory.getLogger(MartRefresher.class);
    /**
     * The marts read after them need their row counts and distinct counts (without statistics the planner guesses), the
     * fiche's queries too; not fine histograms: a sample of 3,000 rows instead of 30,000.
     */
    private static final String SMALL_SAMPLES = "set local default_statistics_target = 10";
    /** Connections rebuilding intermediate marts: the two sides of the sums are independent. */
    private static final int INTERMEDIATE_CONNECTIONS = 2;
    /** The items of mart.refresh_state: the fingerprints of what the marts were last refreshed from. */
    private static final String DEFINITIONS = "definitions";
    private static final String DIMENSIONS = "dimensions";
    /** The advisory lock serialising refreshes ("rank"); loads have their own. */
    private static final long REFRESH_LOCK_KEY = 0x72616e6bL;

    /**
     * A mart, the planner settings (name to value) its rebuild needs, for it only, the intermediate marts it reads,
     * whether it gives the change from the year before, and how its rows of some years go in once the old ones are
     * deleted: those its function gives, unless it is summed in this process (its function then gives what it sums).
     */
    record Mart(Table<?> table, Field<Short> year, BiFunction<Field<Short[]>, Field<Integer[]>, Table<?>> rows,
                Map<String, String> settings, List<Table<?>> after, boolean yearAfter, Insert insert) {

        Mart(Table<?> table, Field<Short> year, BiFunction<Field<Short[]>, Field<Integer[]>, Table<?>> rows,
             Map<String, String> settings, List<Table<?>> after, boolean yearAfter) {
            this(table, year, rows, settings, after, yearAfter,
                    (dsl, mart, years) -> dsl.insertInto(mart.table()).select(selectFrom(mart.rows(years))).execute());
        }

        String name() {
            return table.getSchema().getName() + "." + table.getName();
        }

        /** Its function's rows of those years, the years and quarters written into the statement (each planned on its own values). */
        Table<?> rows(SortedSet<Integer> years) {
            return rows.apply(inline(years.stream().map(Integer::shortValue).toArray(Short[]::new)),
                    inline(years.stream().flatMap(y -> Stream.of(1, 2, 3, 4).map(q -> y * 10 + q)).toArray(Integer[]::new)));
        }
    }

    /** How a mart's rows of some years go in, its old ones deleted. */
    @FunctionalInterface
    interface Insert {
        void rows(DSLContext dsl, Mart mart, SortedSet<Integer> years);
    }

    /** The years refreshed, the reason (for the log), and whether they are all the warehouse holds (the others' rows go). */
    record Years(SortedSet<Integer> years, String why, boolean all) {
    }

    private final DSLContext dsl;
    private final TransactionTemplate ownTransaction;
    /** Read by the marts only; each after the ones it reads. */
    private final List<Mart> intermediate;
    /** Read by the fiche and the dashboards. */
    private final List<Mart> published;

    public MartRefresher(DSLContext dsl, PlatformTransactionManager tm,
                         @Value("${trade.rankings.base-work-mem}") String baseWorkMem) {
        MemorySize.require("trade.rankings.base-work-mem", baseWorkMem);
        this.dsl = dsl;
        this.ownTransaction = new TransactionTemplate(tm);
        // Summing the slices' sums of a year over its quarters hashes tens of thousands of groups of codes: with
        // PostgreSQL's default 4MB the hash tables spill to disk in batches.
        Map<String, String> sums = Map.of("work_mem", "'" + baseWorkMem + "'", "hash_mem_multiplier", "8",
                "enable_nestloop", "off");
        // Every mart is a bulk computation over a year's rows: nested loops, which the planner picks when it
        // underestimates a join (the index on the year tempts it), ran a small sample's product_ranking for 1.1 s
        // instead of 6 ms. Hash joins are right whatever the sizes; with 4MB, a year's product_ranking sorted on disk.
        Map<String, String> bulk = Map.of("enable_nestloop", "off", "work_mem", "'" + baseWorkMem + "'");
        this.intermediate = List.of(
                new Mart(PARTNER_SUM, PARTNER_SUM.YEAR, Tables::PARTNER_SUM_ROWS, sums, List.of(), false),
                new Mart(CPF4_SUM, CPF4_SUM.YEAR, Tables::CPF4_SUM_ROWS, sums, List.of(), false),
                new Mart(SANKEY_COUNTRY, SANKEY_COUNTRY.YEAR, Tables::SANKEY_COUNTRY_ROWS, bulk, List.of(PARTNER_SUM), false),
                new Mart(PRODUCT_SUM, PRODUCT_SUM.YEAR, Tables::PRODUCT_SUM_ROWS, bulk, List.of(CPF4_SUM), false),
                new Mart(SANKEY_COUNTRY_KEY, SANKEY_COUNTRY_KEY.YEAR, Tables::SANKEY_COUNTRY_KEY_ROWS, bulk,
                        List.of(SANKEY_COUNTRY), false),
                new Mart(SANKEY_PRODUCT_KEY, SANKEY_PRODUCT_KEY.YEAR, Tables::SANKEY_PRODUCT_KEY_ROWS, bulk,
                        List.of(SANKEY_COUNTRY_KEY, PRODUCT_SUM), false),
                // the Sankey's pass over the facts, summed in this process
                new Mart(SANKEY_PAIR, SANKEY_PAIR.YEAR, Tables::SANKEY_PAIR_KEYS, bulk,
                        List.of(SANKEY_COUNTRY_KEY, SANKEY_PRODUCT_KEY), false, SankeyPairs::insert));
        this.published = List.of(
                new Mart(GEO_TOTAL, GEO_TOTAL.YEAR, Tables::GEO_TOTAL_ROWS, bulk, List.of(PARTNER_SUM), true),
                new Mart(PARTNER_RANKING, PARTNER_RANKING.YEAR, Tables::PARTNER_RANKING_ROWS, bulk, List.of(PARTNER_SUM), true),
                new Mart(PARTNER_EXPOSURE, PARTNER_EXPOSURE.YEAR, Tables::PARTNER_EXPOSURE_ROWS, bulk, List.of(PARTNER_SUM),
                        false),
                new Mart(QUARTER_TOTAL, QUARTER_TOTAL.YEAR, Tables::QUARTER_TOTAL_ROWS, bulk, List.of(), false),
                new Mart(PRODUCT_RANKING, PRODUCT_RANKING.YEAR, Tables::PRODUCT_RANKING_ROWS, bulk, List.of(PRODUCT_SUM), true),
                // a pass over the facts, summed in this process: the top products' partners, for the dependence figures
                new Mart(PRODUCT_SUPPLIER, PRODUCT_SUPPLIER.YEAR, Tables::PRODUCT_SUPPLIER_TARGETS, bulk, List.of(PRODUCT_SUM),
                        false, ProductSuppliers::insert),
                new Mart(SANKEY_LINK, SANKEY_LINK.YEAR, Tables::SANKEY_LINK_ROWS, bulk,
                        List.of(SANKEY_PAIR, SANKEY_COUNTRY, PRODUCT_SUM), false));
    }

    /** Every mart in refresh order: the intermediate ones, then the published ones. */
    List<Mart> marts() {
        return Stream.concat(intermediate.stream(), published.stream()).toList();
    }

    /** The marts built on connections of their own, each once those it waits for ({@link Mart#after()}) are. */
    List<Mart> intermediate() {
        return intermediate;
    }

    /** The marts of the years a load replaced slices of. Must run in a transaction: the marts readers query change when it commits. */
    public void refresh(Collection<Integer> touched) {
        serialise();
        Optional<String> stale = stale();
        Years years = stale.isPresent() ? new Years(loadedYears(), stale.get() + ": every year", true)
                : new Years(new TreeSet<>(touched), "the years loaded", false);
        rebuild(years);
    }

    /** The marts of every year the warehouse holds (after a schema upgrade, or to check a refresh against). */
    public void refreshAll() {
        serialise();
        rebuild(new Years(loadedYears(), "every year", true));
    }

    /**
     * After a schema upgrade, at a command's start: the marts of every year rebuilt when their definitions are not those
     * of the last refresh; the reason, or empty when there was nothing to do. In a transaction.
     */
    public Optional<String> refreshIfDefinitionsChanged() {
        if (definitionsChanged(lastRefresh()).isEmpty()) {
            return Optional.empty(); // the usual case, without waiting for a load's refresh running meanwhile
        }
        serialise(); // then again: another process starting may just have done it
        Optional<String> changed = definitionsChanged(lastRefresh());
        if (changed.isPresent()) {
            log.info("Rebuilding the rankings of every year from the warehouse's facts: {}", changed.get());
            rebuild(new Years(loadedYears(), "every year", true));
        }
        return changed;
    }

    /** One refresh at a time, until the caller commits: two would delete and insert the same years side by side. */
    private void serialise() {
        dsl.execute("select pg_advisory_xact_lock(" + REFRESH_LOCK_KEY + ")");
    }

    /**
     * Why the marts no longer match what they are made from, if they do not: their definitions or the dimensions'
     * labels changed since the last refresh (or there was none).
     */
    Optional<String> stale() {
        Map<String, String> last = lastRefresh();
        Optional<String> definitions = definitionsChanged(last);
        if (definitions.isPresent()) {
            return definitions;
        }
        String dimensions = last.get(DIMENSIONS);
        if (dimensions == null || !dimensions.equals(dimensions(dimensions.substring(0, dimensions.indexOf(':'))))) {
            return Optional.of("the dimensions' labels changed");
        }
        return Optional.empty();
    }

    private Optional<String> definitionsChanged(Map<String, String> last) {
        if (definitions().equals(last.get(DEFINITIONS))) {
            return Optional.empty();
        }
        return Optional.of(last.containsKey(DEFINITIONS) ? "the marts' definitions changed" : "the marts were never built");
    }

    private Map<String, String> lastRefresh() {
        return dsl.select(REFRESH_STATE.ITEM, REFRESH_STATE.FINGERPRINT).from(REFRESH_STATE)
                .fetchMap(REFRESH_STATE.ITEM, REFRESH_STATE.FINGERPRINT);
    }

    private void rebuild(Years years) {
        long start = System.nanoTime();
        Map<String, String> timings = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService connections = Executors.newFixedThreadPool(INTERMEDIATE_CONNECTIONS, r -> {
            Thread t = new Thread(r, "rankings-intermediate");
            t.setDaemon(true);
            return t;
        });
        // Each intermediate mart once those it reads are built; a failure fails the marts that read it, and so on. Each
        // is analysed as soon as built: the marts after it read the refreshed years' rows only, which the statistics of
        // the previous refresh may not know at all (a year loaded for the first time): planned on those, a year's
        // product_ranking took 12.5 s instead of 0.8.
        Map<Table<?>, CompletableFuture<Void>> built = new HashMap<>();
        for (Mart mart : intermediate) {
            built.put(mart.table(), after(built, mart).thenRunAsync(() -> {
                if (stop.get()) {
                    throw new IllegalStateException("Refreshing the rankings was stopped before " + mart.name());
                }
                ownTransaction.executeWithoutResult(status -> rebuild(mart, years, timings));
            }, connections));
        }
        try {
            for (Mart mart : published) {
                after(built, mart).join();
                rebuild(mart, years, timings);
            }
            record();
        } catch (CompletionException e) { // an intermediate mart failed: its error, as if refreshed here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            stop.set(true); // on a failure here, the other connections stop after their current mart
            // their connections must be back in the pool before the caller's transaction ends
            CompletableFuture.allOf(built.values().toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            connections.shutdown();
        }
        log.info("Rankings refreshed for {} {} in {} s ({})", years.why(), years.years(),
                String.format(Locale.ROOT, "%.1f", since(start)), String.join(", ", ordered(timings)));
    }

    private static CompletableFuture<Void> after(Map<Table<?>, CompletableFuture<Void>> built, Mart mart) {
        return CompletableFuture.allOf(mart.after().stream().map(built::get).toArray(CompletableFuture[]::new));
    }

    /** The mart's rows of those years (and of the year after each, for the marts giving the change) made again. */
    private void rebuild(Mart mart, Years refreshed, Map<String, String> timings) {
        try {
            rebuildRows(mart, refreshed, timings);
        } catch (DataAccessException e) {
            throw new IllegalStateException("could not refresh " + mart.name() + ": " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private void rebuildRows(Mart mart, Years refreshed, Map<String, String> timings) {
        long t = System.nanoTime();
        SortedSet<Integer> years = new TreeSet<>(refreshed.years());
        if (mart.yearAfter() && !refreshed.all()) {
            refreshed.years().forEach(y -> years.add(y + 1));
        }
        dsl.execute(SMALL_SAMPLES); // also for the analysis of the new rows
        mart.settings().forEach((name, value) -> dsl.execute("set local " + name + " = " + value));
        dsl.deleteFrom(mart.table()).where(refreshed.all() ? noCondition()
                : mart.year().in(years.stream().map(Integer::shortValue).toList())).execute();
        mart.insert().rows(dsl, mart, years);
        mart.settings().keySet().forEach(name -> dsl.execute("set local " + name + " to default"));
        dsl.execute("analyze {0}", mart.table());
        timings.put(mart.name(), String.format(Locale.ROOT, "%s %.1f s", mart.name(), since(t)));
    }

    /** In the caller's transaction, with the marts: what they are now made from. */
    private void record() {
        String keys = Stream.of(DIM_PRODUCT.PRODUCT_KEY, DIM_PARTNER_COUNTRY.PARTNER_KEY, DIM_GEOGRAPHY.GEO_KEY)
                .map(key -> String.valueOf(dsl.select(coalesce(max(key), 0)).from(key.getTable()).fetchSingle().value1()))
                .collect(Collectors.joining(","));
        for (Map.Entry<String, String> e : Map.of(DEFINITIONS, definitions(), DIMENSIONS, dimensions(keys)).entrySet()) {
            dsl.insertInto(REFRESH_STATE).set(REFRESH_STATE.ITEM, e.getKey()).set(REFRESH_STATE.FINGERPRINT, e.getValue())
                    .onConflict(REFRESH_STATE.ITEM).doUpdate().set(REFRESH_STATE.FINGERPRINT, excluded(REFRESH_STATE.FINGERPRINT))
                    .execute();
        }
    }

    /** The functions and views of the mart schema, as PostgreSQL holds them, and the marts summed in this process. */
    private String definitions() {
        return ProductSuppliers.SUMS + ", " + SankeyPairs.SUMS + ":" + dsl.fetchSingle("""
                select md5(coalesce(string_agg(definition, ';' order by definition), ''))
                from (select pg_get_functiondef(p.oid) as definition from pg_proc p where p.pronamespace = 'mart'::regnamespace
                      union all
                      select c.relname || pg_get_viewdef(c.oid) from pg_class c
                      where c.relnamespace = 'mart'::regnamespace and c.relkind = 'v') d
                """).get(0, String.class);
    }

    /**
     * The dimensions the marts copy labels and groupings from, as "the last keys:their digest", over the codes up to
     * those keys: a load that only adds codes (used by the years it touched) leaves the other years' marts right; one
     * that changes a label or a grouping of a code already there does not.
     */
    private String dimensions(String lastKeys) {
        String[] keys = lastKeys.split(",");
        return lastKeys + ":" + dsl.fetchSingle("""
                select md5((select coalesce(string_agg(t::text, ';' order by t.{3}), '') from {6} t where t.{3} <= {0})
                        || (select coalesce(string_agg(t::text, ';' order by t.{4}), '') from {7} t where t.{4} <= {1})
                        || (select coalesce(string_agg(t::text, ';' order by t.{5}), '') from {8} t where t.{5} <= {2}))
                """, key(keys[0]), key(keys[1]), key(keys[2]), DIM_PRODUCT.PRODUCT_KEY.getUnqualifiedName(),
                DIM_PARTNER_COUNTRY.PARTNER_KEY.getUnqualifiedName(), DIM_GEOGRAPHY.GEO_KEY.getUnqualifiedName(),
                DIM_PRODUCT, DIM_PARTNER_COUNTRY, DIM_GEOGRAPHY).get(0, String.class);
    }

    private static Field<Integer> key(String value) {
        return inline(Integer.parseInt(value));
    }

    private SortedSet<Integer> loadedYears() {
        return new TreeSet<>(dsl.selectDistinct(LOAD_SLICE.YEAR).from(LOAD_SLICE).fetch(r -> r.value1().intValue()));
    }

    /** The timings in build order, intermediate marts first. */
    private List<String> ordered(Map<String, String> timings) {
        List<String> ordered = new ArrayList<>();
        for (List<Mart> marts : List.of(intermediate, published)) {
            marts.stream().map(mart -> timings.get(mart.name())).filter(t -> t != null).forEach(ordered::add);
        }
        return ordered;
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
