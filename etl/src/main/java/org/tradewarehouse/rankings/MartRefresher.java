package org.tradewarehouse.rankings;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Refreshes the marts the fiche reads, in dependency order. The ones readers query are refreshed CONCURRENTLY
 * (they have unique indexes), so a dashboard reading them is never blocked; trade_cell, read only by the other
 * marts, is rebuilt plainly, which is faster.
 */
@Component
public class MartRefresher {

    private static final Logger log = LoggerFactory.getLogger(MartRefresher.class);
    private static final String BASE = "mart.trade_cell";
    static final List<String> READ_BY_USERS = List.of("mart.geo_total", "mart.partner_ranking", "mart.product_ranking",
            "mart.sankey_link");

    private final DSLContext dsl;
    private final String baseWorkMem;

    public MartRefresher(DSLContext dsl, @Value("${trade.rankings.base-work-mem}") String baseWorkMem) {
        if (!baseWorkMem.matches("[0-9]{1,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("trade.rankings.base-work-mem must be a PostgreSQL memory size such as 64MB,"
                    + " not '" + baseWorkMem + "'");
        }
        this.dsl = dsl;
        this.baseWorkMem = baseWorkMem;
    }

    public void refresh() {
        long start = System.nanoTime();
        // Summing a year's facts into cells sorts about a million rows three times: with PostgreSQL's default 4MB
        // each sort spills to disk (measured on a full year: 11 s, 7 s with 64MB). For this statement only: the
        // Sankey's plan is slower with more memory.
        dsl.execute("set local work_mem = '" + baseWorkMem + "'");
        dsl.execute("refresh materialized view " + BASE);
        dsl.execute("set local work_mem to default");
        dsl.execute("analyze " + BASE); // the marts below join it: without statistics the planner picks nested loops
        StringBuilder timings = new StringBuilder(String.format(Locale.ROOT, "%s %.1f s", BASE, since(start)));
        for (String view : READ_BY_USERS) {
            long t = System.nanoTime();
            // The first refresh cannot be concurrent: the view holds no data yet.
            dsl.execute("refresh materialized view " + (isPopulated(view) ? "concurrently " : "") + view);
            dsl.execute("analyze " + view);
            timings.append(String.format(Locale.ROOT, ", %s %.1f s", view, since(t)));
        }
        log.info("Rankings refreshed in {} s ({})", String.format(Locale.ROOT, "%.1f", since(start)), timings);
    }

    private boolean isPopulated(String view) {
        String[] name = view.split("\\.");
        return dsl.fetchOne("select ispopulated from pg_matviews where schemaname = ? and matviewname = ?", name[0], name[1])
                .get(0, Boolean.class);
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
