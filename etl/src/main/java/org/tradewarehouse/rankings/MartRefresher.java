package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tradewarehouse.warehouse.MemorySize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Refreshes the marts the fiche reads, in dependency order, on several connections at once.
 * <p>
 * The intermediate marts, read by the other marts only, are rebuilt plainly (faster), two at a time on connections of
 * their own, each as soon as the marts it reads are built, each committed once built: the partners' side and the
 * products' side, then the Sankey's pass over the facts. Meanwhile the caller's transaction refreshes the marts readers
 * query, CONCURRENTLY (they have unique indexes), each once the intermediate marts it reads are committed: a dashboard
 * reading them is never blocked, and sees them all refreshed at once when the caller commits.
 */
@Component
public class MartRefresher {

    private static final Logger log = LoggerFactory.getLogger(MartRefresher.class);
    /**
     * The marts read after them need their row counts and distinct counts (without statistics the planner guesses), the
     * fiche's queries too; not fine histograms: a sample of 3,000 rows instead of 30,000 analyses the marts of a full
     * year in 0.16 s instead of 0.7 s.
     */
    private static final String SMALL_SAMPLES = "set local default_statistics_target = 10";
    /** Connections rebuilding intermediate marts: the two sides of the sums are independent. */
    private static final int INTERMEDIATE_CONNECTIONS = 2;

    /** A mart, the planner settings (name to value) its rebuild needs, for it only, and the intermediate marts it reads. */
    record Mart(String name, Map<String, String> settings, List<String> after) {
    }

    private final DSLContext dsl;
    private final TransactionTemplate ownTransaction;
    /** Read by the marts only; each after the ones it reads. */
    private final List<Mart> intermediate;
    /** Read by the fiche and the dashboards. */
    private final List<Mart> published;

    public MartRefresher(DSLContext dsl, PlatformTransactionManager tm,
                         @Value("${trade.rankings.base-work-mem}") String baseWorkMem,
                         @Value("${trade.rankings.parallel-workers}") int parallelWorkers) {
        MemorySize.require("trade.rankings.base-work-mem", baseWorkMem);
        if (parallelWorkers > 64) {
            throw new IllegalArgumentException("trade.rankings.parallel-workers must be at most 64, not " + parallelWorkers);
        }
        this.dsl = dsl;
        this.ownTransaction = new TransactionTemplate(tm);
        // Unset (negative): the database usually runs on this machine, and the process refreshing shares the work too.
        int workers = parallelWorkers < 0 ? Math.max(0, Runtime.getRuntime().availableProcessors() - 1) : parallelWorkers;
        // Summing the slices' sums of a year over its quarters hashes tens of thousands of groups of codes: with
        // PostgreSQL's default 4MB the hash tables spill to disk in batches.
        Map<String, String> sums = Map.of("work_mem", "'" + baseWorkMem + "'", "hash_mem_multiplier", "8");
        // The Sankey's links join millions of fact lines to a few thousand named items on computed keys, whose
        // sizes the planner cannot know: it then picks merge or nested-loop joins that run for minutes. Hash joins
        // are right whatever the sizes. The pass over the facts is shared with parallel workers: one process per core,
        // counting the one refreshing.
        Map<String, String> links = Map.of("work_mem", "'" + baseWorkMem + "'", "enable_mergejoin", "off",
                "enable_nestloop", "off", "max_parallel_workers_per_gather", String.valueOf(workers));
        this.intermediate = List.of(
                new Mart("mart.partner_sum", sums, List.of()),
                new Mart("mart.cpf4_sum", sums, List.of()),
                new Mart("mart.sankey_country", Map.of(), List.of("mart.partner_sum")),
                new Mart("mart.product_sum", Map.of(), List.of("mart.cpf4_sum")),
                new Mart("mart.sankey_country_key", Map.of(), List.of("mart.sankey_country")),
                new Mart("mart.sankey_product_key", Map.of(), List.of("mart.sankey_country_key", "mart.product_sum")),
                new Mart("mart.sankey_pair", links, List.of("mart.sankey_country_key", "mart.sankey_product_key")));
        this.published = List.of(
                new Mart("mart.geo_total", Map.of(), List.of("mart.partner_sum")),
                new Mart("mart.partner_ranking", Map.of(), List.of("mart.partner_sum")),
                new Mart("mart.product_ranking", Map.of(), List.of("mart.product_sum")),
                new Mart("mart.sankey_link", Map.of(), List.of("mart.sankey_pair")));
    }

    /** Must run in a transaction: the marts readers query change when it commits. */
    public void refresh() {
        long start = System.nanoTime();
        List<String> empty = emptyMarts();
        List<String> withStatistics = dsl.fetch("select distinct schemaname || '.' || tablename from pg_stats"
                + " where schemaname = 'mart'").getValues(0, String.class);
        Map<String, String> timings = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService connections = Executors.newFixedThreadPool(INTERMEDIATE_CONNECTIONS, r -> {
            Thread t = new Thread(r, "rankings-intermediate");
            t.setDaemon(true);
            return t;
        });
        // Each intermediate mart once those it reads are built; a failure fails the marts that read it, and so on.
        // A mart keeps its statistics when rebuilt: the marts after it are planned on those of the previous refresh (same
        // shape), and it is analysed again once all are built, beside sankey_link's refresh, off the longest path. One
        // without statistics (new, recreated by a schema upgrade, or after a pg_upgrade) is analysed at once.
        Map<String, CompletableFuture<Void>> built = new HashMap<>();
        List<String> analyseLater = new ArrayList<>();
        for (Mart mart : intermediate) {
            boolean analyseNow = !withStatistics.contains(mart.name());
            if (!analyseNow) {
                analyseLater.add(mart.name());
            }
            built.put(mart.name(), after(built, mart).thenRunAsync(() -> {
                if (stop.get()) {
                    throw new IllegalStateException("Refreshing the rankings was stopped before " + mart.name());
                }
                ownTransaction.executeWithoutResult(status -> refresh(mart, false, analyseNow, timings));
            }, connections));
        }
        CompletableFuture<Void> analysed = CompletableFuture.allOf(built.values().toArray(CompletableFuture[]::new))
                .thenRunAsync(() -> {
                    long t = System.nanoTime();
                    if (!stop.get() && !analyseLater.isEmpty()) {
                        ownTransaction.executeWithoutResult(status -> {
                            dsl.execute(SMALL_SAMPLES);
                            analyseLater.forEach(this::analyse);
                        });
                        timings.put("analyses", String.format(Locale.ROOT, "analyses %.1f s", since(t)));
                    }
                }, connections);
        try {
            for (Mart mart : published) {
                after(built, mart).join();
                // The first refresh cannot be concurrent: the view holds no data yet.
                refresh(mart, !empty.contains(mart.name()), true, timings);
            }
            analysed.join();
        } catch (CompletionException e) { // an intermediate mart failed: its error, as if refreshed here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            stop.set(true); // on a failure here, the other connections stop after their current mart
            // their connections must be back in the pool before the caller's transaction ends
            CompletableFuture.allOf(analysed, CompletableFuture.allOf(built.values().toArray(CompletableFuture[]::new)))
                    .exceptionally(e -> null).join();
            connections.shutdown();
        }
        log.info("Rankings refreshed in {} s ({})", String.format(Locale.ROOT, "%.1f", since(start)),
                String.join(", ", ordered(timings)));
    }

    private static CompletableFuture<Void> after(Map<String, CompletableFuture<Void>> built, Mart mart) {
        return CompletableFuture.allOf(mart.after().stream().map(built::get).toArray(CompletableFuture[]::new));
    }

    private void refresh(Mart mart, boolean concurrently, boolean analyse, Map<String, String> timings) {
        long t = System.nanoTime();
        dsl.execute(SMALL_SAMPLES); // also for the analysis of the new rows that a concurrent refresh makes
        mart.settings().forEach((name, value) -> dsl.execute("set local " + name + " = " + value));
        dsl.execute("refresh materialized view " + (concurrently ? "concurrently " : "") + mart.name());
        mart.settings().keySet().forEach(name -> dsl.execute("set local " + name + " to default"));
        if (analyse) {
            analyse(mart.name());
        }
        timings.put(mart.name(), String.format(Locale.ROOT, "%s %.1f s", mart.name(), since(t)));
    }

    private void analyse(String mart) {
        dsl.execute("analyze " + mart);
    }

    /** The timings in build order, intermediate marts first, then their analyses. */
    private List<String> ordered(Map<String, String> timings) {
        List<String> ordered = new ArrayList<>();
        for (List<Mart> marts : List.of(intermediate, published)) {
            marts.stream().map(mart -> timings.get(mart.name())).filter(t -> t != null).forEach(ordered::add);
        }
        if (timings.containsKey("analyses")) {
            ordered.add(timings.get("analyses"));
        }
        return ordered;
    }

    /** The marts that hold no data: never refreshed yet, or recreated by a schema upgrade. */
    public List<String> emptyMarts() {
        List<String> empty = dsl.fetch("select schemaname || '.' || matviewname from pg_matviews where not ispopulated")
                .getValues(0, String.class);
        return Stream.concat(intermediate.stream(), published.stream()).map(Mart::name)
                .filter(empty::contains).toList();
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
