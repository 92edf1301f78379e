package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refreshes the marts the fiche reads, in dependency order. The ones readers query are refreshed CONCURRENTLY
 * (they have unique indexes), so a dashboard reading them is never blocked; the intermediate ones, read by the other
 * marts only, are rebuilt plainly, which is faster.
 */
@Component
public class MartRefresher {

    private static final Logger log = LoggerFactory.getLogger(MartRefresher.class);

    /** A mart, whether users read it, and the planner settings (name to value) its rebuild needs, for it only. */
    record Mart(String name, boolean readByUsers, Map<String, String> settings) {
    }

    private final DSLContext dsl;
    private final List<Mart> marts;

    public MartRefresher(DSLContext dsl, @Value("${trade.rankings.base-work-mem}") String baseWorkMem,
                         @Value("${trade.rankings.parallel-workers}") int parallelWorkers) {
        if (!baseWorkMem.matches("[0-9]{1,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("trade.rankings.base-work-mem must be a PostgreSQL memory size such as 64MB,"
                    + " not '" + baseWorkMem + "'");
        }
        if (parallelWorkers > 64) {
            throw new IllegalArgumentException("trade.rankings.parallel-workers must be at most 64, not " + parallelWorkers);
        }
        // Unset (negative): the database usually runs on this machine, and the process refreshing shares the work too.
        int workers = parallelWorkers < 0 ? Math.max(0, Runtime.getRuntime().availableProcessors() - 1) : parallelWorkers;
        this.dsl = dsl;
        // Summing the slices' sums of a year over its quarters hashes about a hundred thousand groups of codes: with
        // PostgreSQL's default 4MB the hash tables spill to disk in batches.
        Map<String, String> sums = Map.of("work_mem", "'" + baseWorkMem + "'", "hash_mem_multiplier", "8");
        // The Sankey's links join millions of fact lines to a few thousand named items on computed keys, whose
        // sizes the planner cannot know: it then picks merge or nested-loop joins that run for minutes. Hash joins
        // are right whatever the sizes. Not for the CONCURRENTLY refreshes: their diff needs a merge join.
        // The pass over the facts is shared with parallel workers: one process per core, counting the one refreshing.
        Map<String, String> links = Map.of("work_mem", "'" + baseWorkMem + "'", "enable_mergejoin", "off",
                "enable_nestloop", "off", "max_parallel_workers_per_gather", String.valueOf(workers));
        this.marts = List.of(
                new Mart("mart.trade_sum", false, sums),
                new Mart("mart.geo_total", true, Map.of()),
                new Mart("mart.partner_ranking", true, Map.of()),
                new Mart("mart.product_ranking", true, Map.of()),
                new Mart("mart.sankey_country", false, Map.of()),
                new Mart("mart.sankey_country_key", false, Map.of()),
                new Mart("mart.sankey_product_key", false, Map.of()),
                new Mart("mart.sankey_pair", false, links),
                new Mart("mart.sankey_link", true, Map.of()));
    }

    public void refresh() {
        long start = System.nanoTime();
        List<String> empty = emptyMarts();
        // Each mart is analysed for the marts built after it and for the fiche's queries, which need its row count and
        // distinct counts, not fine histograms: a sample of 3,000 rows instead of 30,000 analyses the marts of a full
        // year in 0.16 s instead of 0.7 s.
        dsl.execute("set local default_statistics_target = 10");
        StringBuilder timings = new StringBuilder();
        for (Mart mart : marts) {
            long t = System.nanoTime();
            mart.settings().forEach((name, value) -> dsl.execute("set local " + name + " = " + value));
            // The first refresh cannot be concurrent: the view holds no data yet.
            boolean concurrently = mart.readByUsers() && !empty.contains(mart.name());
            dsl.execute("refresh materialized view " + (concurrently ? "concurrently " : "") + mart.name());
            mart.settings().keySet().forEach(name -> dsl.execute("set local " + name + " to default"));
            dsl.execute("analyze " + mart.name()); // the marts after it join it: without statistics the planner guesses
            timings.append(timings.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", mart.name(), since(t)));
        }
        log.info("Rankings refreshed in {} s ({})", String.format(Locale.ROOT, "%.1f", since(start)), timings);
    }

    /** The marts that hold no data: never refreshed yet, or recreated by a schema upgrade. */
    public List<String> emptyMarts() {
        List<String> empty = dsl.fetch("select schemaname || '.' || matviewname from pg_matviews where not ispopulated")
                .getValues(0, String.class);
        return marts.stream().map(Mart::name).filter(empty::contains).toList();
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
