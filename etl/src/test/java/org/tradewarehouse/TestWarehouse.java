package org.tradewarehouse;

import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helpers on the warehouse itself: empty it, and take a fingerprint to prove a failed load changed nothing. */
public final class TestWarehouse {

    private TestWarehouse() {
    }

    public static void reset(JdbcTemplate jdbc) {
        jdbc.execute("""
                do $$ declare r record; begin
                  for r in select schemaname, tablename from pg_tables
                           where (schemaname = 'dw' and tablename ~ '^fact_trade_[ei]_[0-9]+')
                              or (schemaname = 'staging' and tablename like 'fact_shadow%') loop
                    execute format('drop table if exists %I.%I cascade', r.schemaname, r.tablename);
                  end loop;
                end $$""");
        jdbc.execute("truncate dw.load_slice, dw.load, dw.dim_time, dw.dim_geography, dw.dim_product,"
                + " dw.dim_partner_country, dw.annex_label, staging.trade_row, staging.reject, staging.annex_label");
        jdbc.execute("truncate batch.batch_step_execution_context, batch.batch_step_execution,"
                + " batch.batch_job_execution_context, batch.batch_job_execution_params, batch.batch_job_execution,"
                + " batch.batch_job_instance cascade");
    }

    /** An empty warehouse, then the sample publication (2023 and 2024) written into dir and loaded: its raw lines. */
    public static RawRows loadSample(Path dir, LoadService loads, JdbcTemplate jdbc) throws Exception {
        reset(jdbc);
        List<Path> zips = SamplePublication.write(dir, SamplePublication.Options.defaults()).zips();
        LoadOutcome outcome = loads.load(zips, false);
        if (outcome.status() != LoadOutcome.Status.PUBLISHED) {
            throw new IllegalStateException("the sample publication was not loaded: " + outcome);
        }
        return RawRows.of(zips);
    }

    /** Everything a reader of the warehouse could see, summarised. */
    public static List<Map<String, Object>> fingerprint(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                select 'facts' as what, count(*)::text as n, coalesce(sum(value_eur), 0)::text as eur,
                       coalesce(sum(mass_kg), 0)::text as kg from dw.fact_trade
                union all select 'partitions', count(*)::text, string_agg(tablename, ',' order by tablename), ''
                       from pg_tables where schemaname = 'dw' and tablename ~ '^fact_trade_[ei]_'
                union all select 'geography', count(*)::text, string_agg(dep_code || '=' || dep_name, ',' order by dep_code), '' from dw.dim_geography
                union all select 'products', count(*)::text, string_agg(cpf4 || '=' || cpf4_label, ',' order by cpf4), '' from dw.dim_product
                union all select 'partners', count(*)::text, string_agg(code || '=' || label, ',' order by code), '' from dw.dim_partner_country
                union all select 'time', count(*)::text, string_agg(label, ',' order by time_key), '' from dw.dim_time
                union all select 'loads', count(*)::text, '', '' from dw.load
                union all select 'slices', count(*)::text, string_agg(year || '-' || quarter || flow || ':' || value_eur, ',' order by year, quarter, flow), '' from dw.load_slice
                """);
    }
}
