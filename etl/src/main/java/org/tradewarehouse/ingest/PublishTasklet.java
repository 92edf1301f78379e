package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.List;

/**
 * Publishes a staged load in one transaction (the step's): dimensions, then each (year, quarter, flow) slice the
 * load holds replaces the warehouse's slice, set-based in SQL. Readers see the old slices or the new ones, never a mix.
 */
class PublishTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);

    private final DSLContext dsl;
    private final Dimensions dimensions;
    private final long loadId;
    private final String sources;
    private final String sha256;

    PublishTasklet(DSLContext dsl, Dimensions dimensions, long loadId, String sources, String sha256) {
        this.dsl = dsl;
        this.dimensions = dimensions;
        this.loadId = loadId;
        this.sources = sources;
        this.sha256 = sha256;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<String> unknown = dimensions.update(loadId);
        if (!unknown.isEmpty()) {
            log.warn("{} code(s) absent from the nomenclatures, loaded with a placeholder label: {}",
                    unknown.size(), Dimensions.describe(unknown));
        }
        var rejected = dsl.fetchSingle("select count(*) as n, coalesce(sum(value_eur), 0) as eur from staging.reject"
                + " where load_id = ?", loadId);
        var staged = dsl.fetchSingle("select count(*) as n, coalesce(sum(value_eur), 0) as eur from staging.trade_row"
                + " where load_id = ?", loadId);
        long rows = staged.get("n", Long.class);
        long rejectedRows = rejected.get("n", Long.class);
        dsl.execute("insert into dw.load (load_id, sources, sha256, rows_read, rows_loaded, rows_rejected, value_rejected_eur)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict (load_id) do nothing",
                loadId, sources, sha256, rows + rejectedRows, rows, rejectedRows, rejected.get("eur", Long.class));
        dsl.execute("delete from dw.fact_trade f using (select distinct year * 10 + quarter as time_key, flow"
                + " from staging.trade_row where load_id = ?) s where f.time_key = s.time_key and f.flow = s.flow", loadId);
        int facts = dsl.execute("insert into dw.fact_trade (time_key, geo_key, product_key, partner_key, flow, value_eur,"
                + " mass_kg, load_id)"
                + " select s.year * 10 + s.quarter, g.geo_key, p.product_key, c.partner_key, s.flow, sum(s.value_eur),"
                + " sum(s.mass_kg), ? from staging.trade_row s"
                + " join dw.dim_geography g on g.dep_code = s.dep_code"
                + " join dw.dim_product p on p.cpf4 = s.cpf4"
                + " join dw.dim_partner_country c on c.code = s.country"
                + " where s.load_id = ? group by 1, 2, 3, 4, 5", loadId, loadId);
        dsl.execute("insert into dw.load_slice (year, quarter, flow, load_id, rows, value_eur)"
                + " select year, quarter, flow, ?, count(*), sum(value_eur) from staging.trade_row where load_id = ?"
                + " group by year, quarter, flow on conflict (year, quarter, flow) do update"
                + " set load_id = excluded.load_id, rows = excluded.rows, value_eur = excluded.value_eur", loadId, loadId);
        checkEveryEuroPublished(staged.get("eur", Long.class));
        clearStaging();
        contribution.incrementWriteCount(facts);
        log.info("Published load {}: {} staged rows as {} facts", loadId, String.format("%,d", rows), String.format("%,d", facts));
        return RepeatStatus.FINISHED;
    }

    /** A staged row that joined no dimension row would be lost: refuse to commit rather than publish less. */
    private void checkEveryEuroPublished(long stagedEuros) {
        long published = dsl.fetchOne("select coalesce(sum(value_eur), 0) from dw.fact_trade where load_id = ?", loadId)
                .get(0, Long.class);
        if (published != stagedEuros) {
            throw new IllegalStateException("publishing load " + loadId + " would keep " + published + " EUR of the "
                    + stagedEuros + " EUR staged; nothing was changed");
        }
    }

    /** Loads run one at a time, so the staging table holds only this load: truncating is cheaper than deleting. */
    private void clearStaging() {
        boolean others = dsl.fetchExists(dsl.selectOne().from("staging.trade_row").where("load_id <> ?", loadId));
        if (others) {
            dsl.execute("delete from staging.trade_row where load_id = ?", loadId);
        } else {
            dsl.execute("truncate staging.trade_row");
        }
        dsl.execute("delete from staging.annex_label where load_id = ?", loadId);
    }
}
