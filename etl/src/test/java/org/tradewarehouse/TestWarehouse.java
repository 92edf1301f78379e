package org.tradewarehouse;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers on the warehouse itself: empty it, and take a fingerprint to prove a failed load changed nothing. */
public final class TestWarehouse {

    private TestWarehouse() {
    }

    public static void reset(JdbcTemplate jdbc) {
        jdbc.execute("""
                do $$ declare r record; begin
                  for r in select schemaname, tablename from pg_tables
                           where (schemaname = 'dw' and tablename ~ '^(fact_trade|slice_sum)_[ei]_[0-9]+')
                              or (schemaname = 'staging' and tablename ~ '^(fact_trade|slice_sum)_[0-9]+$') loop
                    execute format('drop table if exists %I.%I cascade', r.schemaname, r.tablename);
                  end loop;
                end $$""");
        jdbc.execute("truncate dw.load_slice, dw.load, dw.dim_time, dw.dim_geography, dw.dim_product,"
                + " dw.dim_partner_country, dw.annex_label, staging.dim_key, staging.reject, staging.annex_label,"
                + " mart.refresh_state"); // the next refresh rebuilds the marts of every year, the others' rows gone
        jdbc.execute("truncate batch.batch_step_execution_context, batch.batch_step_execution,"
                + " batch.batch_job_execution_context, batch.batch_job_execution_params, batch.batch_job_execution,"
                + " batch.batch_job_instance cascade");
    }

    /** The rows staged by unpublished loads: those their new fact slices hold. */
    public static long stagedRows(JdbcTemplate jdbc) {
        return jdbc.queryForList("select schemaname || '.' || tablename from pg_tables where schemaname = 'staging'"
                        + " and tablename ~ '^fact_trade_[0-9]+_[ei]_[0-9]+$'", String.class).stream()
                .mapToLong(t -> jdbc.queryForObject("select count(*) from " + t, Long.class)).sum();
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

    /** The test database's JDBC address for another role than the owner's. */
    public static String jdbcUrlAs(DataSource dataSource, String role) {
        return ((HikariDataSource) dataSource).getJdbcUrl().replace("user=postgres", "user=" + role);
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
                union all select 'sums', count(*)::text, coalesce(sum(value_eur), 0)::text, coalesce(sum(lines), 0)::text from dw.slice_sum
                union all select 'loads', count(*)::text, '', '' from dw.load
                union all select 'slices', count(*)::text, string_agg(year || '-' || quarter || flow || ':' || value_eur, ',' order by year, quarter, flow), '' from dw.load_slice
                """);
    }

    /** A query of two columns, key and sum, as a sorted map. */
    public static Map<String, Long> sums(JdbcTemplate jdbc, String sql, Object... args) {
        Map<String, Long> result = new TreeMap<>();
        jdbc.query(sql, rs -> {
            result.put(rs.getString(1), rs.getLong(2));
        }, args);
        return result;
    }

    /** The euros of the facts by year and flow, e.g. {@code 2024E}. */
    public static Map<String, Long> factEurosByYearAndFlow(JdbcTemplate jdbc) {
        return sums(jdbc, "select t.year || f.flow, sum(f.value_eur) from dw.fact_trade f join dw.dim_time t using (time_key) group by 1");
    }

    /** A dashboard's transaction left open after reading: it keeps its lock on what it read until rolled back. */
    public static Connection readingInOpenTransaction(DataSource dataSource, String sql) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.executeQuery(sql).close();
        }
        return c;
    }
}
