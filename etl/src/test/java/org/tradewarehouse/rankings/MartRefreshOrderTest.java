package org.tradewarehouse.rankings;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh order against PostgreSQL's own dependency catalogue: each mart is rebuilt after every mart its rows
 * read, waiting for them when they are built on another connection. PostgreSQL does not record what a function's
 * quoted body reads, but it does for a view: each body (and the bodies of the functions it calls) is made a temporary
 * view, its parameters typed nulls, and pg_depend is asked what that view reads, through other views too.
 */
@SpringBootTest
@ActiveProfiles("test")
class MartRefreshOrderTest {

    @Autowired
    MartRefresher refresher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager tm;

    @Test
    void everyMartIsRebuiltAfterTheMartsItReads() {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        new TransactionTemplate(tm).executeWithoutResult(status -> {
            for (MartRefresher.Mart mart : refresher.marts()) {
                // its function's name (a mart summed in the refresh's process has one saying what it reads too)
                String function = mart.rows(new TreeSet<>(Set.of(2024))).getName();
                reads.put(mart.name(), martsRead("mart." + function, new HashSet<>()));
            }
            status.setRollbackOnly(); // the temporary views go
        });
        List<String> before = new ArrayList<>();
        for (MartRefresher.Mart mart : refresher.marts()) {
            Set<String> awaited = awaited(mart);
            for (String read : reads.get(mart.name())) {
                assertThat(before).as("%s reads %s, which must be refreshed first", mart.name(), read).contains(read);
                if (refresher.intermediate().contains(mart)) { // built on another connection: must wait for it
                    assertThat(awaited).as("%s reads %s, which it must wait for", mart.name(), read).contains(read);
                }
            }
            before.add(mart.name());
        }
        // not vacuous: the catalogue shows the reads the marts are known for
        assertThat(reads.get("mart.sankey_link")).contains("mart.sankey_pair", "mart.sankey_country", "mart.product_sum");
        assertThat(reads.get("mart.product_ranking")).containsExactly("mart.product_sum");
        assertThat(reads.get("mart.product_supplier")).containsExactly("mart.product_sum");
        assertThat(reads.get("mart.sankey_pair")).containsExactly("mart.sankey_country_key", "mart.sankey_product_key");
        assertThat(reads.get("mart.partner_sum")).isEmpty();
        assertThat(reads.keySet()).hasSize(refresher.marts().size());
    }

    /** The marts a mart waits for, directly or through the ones it waits for. */
    private Set<String> awaited(MartRefresher.Mart mart) {
        Set<String> result = new TreeSet<>();
        for (var table : mart.after()) {
            MartRefresher.Mart read = refresher.marts().stream().filter(m -> m.table().equals(table)).findFirst().orElseThrow();
            result.add(read.name());
            result.addAll(awaited(read));
        }
        return result;
    }

    /** The refreshed marts (tables of schema mart) a function's rows read, through views and called functions. */
    private Set<String> martsRead(String function, Set<String> seen) {
        Set<String> result = new TreeSet<>();
        if (!seen.add(function)) {
            return result;
        }
        var f = jdbc.queryForMap("select p.oid, p.prosrc, p.prosqlbody is not null as standard from pg_proc p"
                + " where p.oid = ?::regproc", function);
        List<long[]> dependencies = new ArrayList<>();
        if ((Boolean) f.get("standard")) { // a SQL-standard body: PostgreSQL records what it reads
            dependencies.addAll(references("select refclassid::regclass::text, refobjid from pg_depend where objid = ?",
                    ((Number) f.get("oid")).longValue()));
        } else {
            String view = "body_" + function.replaceAll("\\W", "_");
            String body = ((String) f.get("prosrc")).strip().replaceAll(";$", "");
            // the input parameters: the first pronargs names (a function returning a table names its columns after them)
            var args = jdbc.queryForMap("select coalesce(array_to_string(proargnames, '|'), '') as names,"
                    + " array_to_string(array(select format_type(t, null) from unnest(proargtypes) t), '|') as types"
                    + " from pg_proc where oid = ?::regproc", function);
            String[] names = ((String) args.get("names")).split("\\|");
            String[] types = ((String) args.get("types")).split("\\|");
            for (int i = 0; !types[0].isEmpty() && i < types.length; i++) {
                body = body.replaceAll("\\b" + Pattern.quote(names[i]) + "\\b", Matcher.quoteReplacement("(null::" + types[i] + ")"));
            }
            // as a subquery: a function's rows may repeat a column name, which a view's may not
            jdbc.execute("create or replace temporary view " + view + " as select 1 as read from (" + body + ") body");
            dependencies.addAll(viewReferences(view));
        }
        for (long[] d : dependencies) {
            result.addAll(martsReadBy(d, seen));
        }
        return result;
    }

    private Set<String> martsReadBy(long[] reference, Set<String> seen) {
        Set<String> result = new TreeSet<>();
        if (reference[0] == 1) { // a relation
            var r = jdbc.queryForMap("select c.oid::regclass::text as name, c.relkind::text as kind,"
                    + " c.relnamespace = 'mart'::regnamespace as mart from pg_class c where c.oid = ?", reference[1]);
            if (!(Boolean) r.get("mart")) {
                return result;
            }
            if ("v".equals(r.get("kind"))) {
                for (long[] d : viewReferences((String) r.get("name"))) {
                    result.addAll(martsReadBy(d, seen));
                }
            } else if (!"mart.refresh_state".equals(r.get("name"))) {
                result.add((String) r.get("name"));
            }
        } else { // a function
            String name = jdbc.queryForObject("select p.oid::regprocedure::text from pg_proc p"
                    + " where p.oid = ? and p.pronamespace = 'mart'::regnamespace", String.class, reference[1]);
            result.addAll(martsRead(name.substring(0, name.indexOf('(')), seen));
        }
        return result;
    }

    /** What a view's rule reads, as (1 for a relation or 2 for a function, oid). */
    private List<long[]> viewReferences(String view) {
        return references("select d.refclassid::regclass::text, d.refobjid from pg_depend d join pg_rewrite r on r.oid = d.objid"
                + " where d.classid = 'pg_rewrite'::regclass and r.ev_class = ?::regclass and d.refobjid <> r.ev_class", view);
    }

    private List<long[]> references(String sql, Object key) {
        List<long[]> result = new ArrayList<>();
        jdbc.query(sql, rs -> {
            String kind = rs.getString(1);
            if (kind.equals("pg_class")) {
                result.add(new long[] {1, rs.getLong(2)});
            } else if (kind.equals("pg_proc")) {
                boolean ours = Boolean.TRUE.equals(jdbc.queryForObject(
                        "select pronamespace = 'mart'::regnamespace from pg_proc where oid = ?", Boolean.class, rs.getLong(2)));
                if (ours) {
                    result.add(new long[] {2, rs.getLong(2)});
                }
            }
        }, key);
        return result;
    }
}
