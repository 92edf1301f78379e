package org.tradewarehouse.ingest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The load job end to end on a real PostgreSQL, checked against sums computed straight from the raw lines. */
@SpringBootTest
@ActiveProfiles("test")
class LoadJobFunctionalTest {

    @TempDir
    static Path dir;
    static List<Path> annual;
    static RawRows raw;

    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    JobRepository jobRepository;

    @BeforeAll
    static void samplePublication() throws IOException {
        annual = SamplePublication.write(dir.resolve("annual"), SamplePublication.Options.defaults()).zips();
        raw = RawRows.of(annual);
    }

    @BeforeEach
    void emptyWarehouse() {
        TestWarehouse.reset(jdbc);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void loadsEveryEuroByYearFlowDepartementAndRegion(CapturedOutput output) throws Exception {
        LoadOutcome outcome = loads.load(annual, false);

        assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(warehouseEuros("t.year || ':' || f.flow || ':' || g.dep_code"))
                .isEqualTo(raw.euros(f -> f[2] + ":" + f[0] + ":" + f[3]));
        assertThat(warehouseEuros("t.year || ':' || f.flow || ':' || g.region_code"))
                .isEqualTo(raw.euros(f -> f[2] + ":" + f[0] + ":" + f[4]));
        assertThat(warehouseEuros("t.label || ':' || f.flow || ':' || p.cpf4 || ':' || c.code"))
                .isEqualTo(raw.euros(f -> f[2] + "-T" + f[1] + ":" + f[0] + ":" + f[6] + ":" + f[7]));
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        long exports = raw.euros(f -> f[0]).get("E");
        assertThat(outcome.flows()).anySatisfy(f -> {
            assertThat(f.flow()).isEqualTo("E");
            assertThat(f.valueLoadedEur()).isEqualTo(exports);
            assertThat(f.rowsRejected()).isZero();
        });
        // each flow's staging time is its share of the staging step's
        assertThat(outcome.flows()).extracting(LoadOutcome.FlowFigures::flow).containsExactly("E", "I");
        assertThat(outcome.flows()).allSatisfy(f -> assertThat(f.staging()).isPositive());
        assertThat(outcome.flows().stream().map(LoadOutcome.FlowFigures::staging).reduce(java.time.Duration.ZERO,
                java.time.Duration::plus)).isLessThanOrEqualTo(outcome.steps().get("stageRows"));
        assertThat(TestWarehouse.stagedRows(jdbc)).isZero();
        assertSliceSums(raw);
        assertThat(output).doesNotContain("per slice again"); // the sums made while staging were used
    }

    @Test
    void labelsComeFromTheAnnexesWithTheirQuirks() throws Exception {
        loads.load(annual, false);

        // Windows-1252 CPF4 annex, quoted label holding ';'
        assertThat(jdbc.queryForObject("select cpf4_label from dw.dim_product where cpf4 = '2211'", String.class))
                .isEqualTo("Pneumatiques ; rechapage et resculptage de pneumatiques");
        assertThat(jdbc.queryForList("select cpf4_label from dw.dim_product", String.class))
                .anySatisfy(label -> assertThat(label).containsAnyOf("é", "è", "œ"));
        // QU has two labels; the one valid in the data's period wins
        assertThat(jdbc.queryForObject("select label from dw.dim_partner_country where code = 'QU'", String.class))
                .isEqualTo("Pays et territoires non déterminés");
        assertThat(jdbc.queryForObject("select eu27 from dw.dim_partner_country where code = 'DE'", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("select eu27 from dw.dim_partner_country where code = 'GB'", Boolean.class)).isFalse();
        var corse = jdbc.queryForMap("select array_to_string(dep_insee_codes, ',') as insee, region_insee_code from dw.dim_geography where dep_code = '20'");
        assertThat(corse).containsEntry("insee", "2A,2B").containsEntry("region_insee_code", "94");
        var hauteVienne = jdbc.queryForMap("select dep_name, region_code, region_insee_code, region_insee_name from dw.dim_geography where dep_code = '87'");
        assertThat(hauteVienne).containsEntry("dep_name", "Haute-Vienne").containsEntry("region_code", "09")
                .containsEntry("region_insee_code", "75").containsEntry("region_insee_name", "Nouvelle-Aquitaine");
        assertThat(jdbc.queryForObject("select a38 || ' ' || a10 from dw.dim_product where cpf4 = '2120'", String.class))
                .isEqualTo("CF BE");
    }

    @Test
    void loadingTheSameFilesTwiceChangesNoTotal() throws Exception {
        loads.load(annual, false);
        var first = TestWarehouse.fingerprint(jdbc);

        assertThat(loads.load(annual, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);

        var second = TestWarehouse.fingerprint(jdbc);
        assertThat(second.stream().filter(r -> !r.get("what").equals("loads") && !r.get("what").equals("slices")))
                .isEqualTo(first.stream().filter(r -> !r.get("what").equals("loads") && !r.get("what").equals("slices")).toList());
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
    }

    @Test
    void aRollingPublicationReplacesOnlyTheQuartersItHolds() throws Exception {
        loads.load(annual, false);
        // The rolling file revises 2024-T3 and 2024-T4 (values doubled) and holds no annex.
        List<String[]> revised = raw.rows().stream().filter(f -> f[2].equals("2024") && (f[1].equals("3") || f[1].equals("4")))
                .map(f -> { String[] c = f.clone(); c[8] = Long.toString(Long.parseLong(f[8]) * 2); return c; }).toList();
        Path rolling = zip(dir.resolve("rolling.zip"), Map.of(
                "REGIONAL_CPF4PAYSE.txt", lines(revised, "E"), "REGIONAL_CPF4PAYSI.txt", lines(revised, "I")));

        assertThat(loads.load(List.of(rolling), false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);

        List<String[]> expected = new ArrayList<>(raw.rows().stream()
                .filter(f -> !(f[2].equals("2024") && (f[1].equals("3") || f[1].equals("4")))).toList());
        expected.addAll(revised);
        assertThat(warehouseEuros("t.label || ':' || f.flow || ':' || g.dep_code"))
                .isEqualTo(new RawRows(expected).euros(f -> f[2] + "-T" + f[1] + ":" + f[0] + ":" + f[3]));
        // the sums the rankings start from follow the slices: the revised quarters' replaced, the others kept
        assertSliceSums(new RawRows(expected));
        // labels of the earlier load are kept although the rolling ZIP had none
        assertThat(jdbc.queryForObject("select count(*) from dw.dim_product where not known", Long.class)).isZero();
        assertThat(jdbc.queryForList("select year || '-T' || quarter || flow || '=' || load_id from dw.load_slice where year = 2024 order by 1",
                String.class)).hasSize(8).allSatisfy(s -> assertThat(s).endsWith(
                        s.contains("-T3") || s.contains("-T4") ? "=" + lastLoadId() : "=" + firstLoadId()));
    }

    @Test
    void anA129LabelOfALaterAnnexNamesEveryProductOfItsGroup() throws Exception {
        loads.load(annual, false);
        // A later publication holds one CPF4 of an A129 group of several and renames the group in its A129 annex (as
        // the demo's sample after a real publication, whose labels differ): the group's other CPF4s, which only the
        // earlier load held, take the new name too, and the rankings, one row per group, are refreshed.
        String group = jdbc.queryForObject("select a129 from dw.dim_product group by a129 having count(*) > 1"
                + " order by a129 limit 1", String.class);
        List<String> members = jdbc.queryForList("select cpf4 from dw.dim_product where a129 = ? order by cpf4",
                String.class, group);
        List<String[]> rows = raw.rows().stream().filter(f -> f[2].equals("2024") && f[1].equals("4")
                && (f[6].equals(members.get(0)) || !members.contains(f[6]))).toList();
        assertThat(rows).anyMatch(f -> f[6].equals(members.get(0)));
        Path renamed = zip(dir.resolve("renamed.zip"), Map.of("REGIONAL_CPF4PAYSE.txt", lines(rows, "E"),
                "REGIONAL_CPF4PAYSI.txt", lines(rows, "I"), "Libelle_A129.txt", group + ";Groupe renommé;200901;999912\r\n"));

        LoadOutcome outcome = loads.load(List.of(renamed), false);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(LoadOutcome.Status.PUBLISHED);

        assertThat(jdbc.queryForList("select distinct a129_label from dw.dim_product where a129 = ?", String.class, group))
                .containsExactly("Groupe renommé");
        assertThat(jdbc.queryForList("select distinct product_name from mart.product_ranking where level = 'A129'"
                + " and product = ?", String.class, group)).containsExactly("Groupe renommé");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aStoppedLoadResumesWhereItStoppedAndEndsWithExactTotals(CapturedOutput output) throws Exception {
        var before = TestWarehouse.fingerprint(jdbc);
        LoadOutcome stopped = stoppedInItsFirstChunk();
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        long staged = TestWarehouse.stagedRows(jdbc);
        assertThat(staged).isPositive().isLessThan(raw.count());
        // what the stopped load reports as loaded is what it staged
        assertThat(stopped.flows().stream().mapToLong(LoadOutcome.FlowFigures::rowsLoaded).sum()).isEqualTo(staged);

        LoadOutcome resumed = loads.load(annual, false);

        assertThat(resumed.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(resumed.loadId()).isEqualTo(stopped.loadId());
        assertExactlyLoaded();
        assertThat(output).contains("per slice again: the staging was resumed"); // this run did not stage them all
        assertThat(TestWarehouse.stagedRows(jdbc)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from staging.dim_key", Long.class)).isZero();
    }

    /** Rows a stopped load staged are gone (as after an upgrade from when staging was elsewhere): it starts over. */
    @Test
    void aResumedLoadWhoseStagedRowsAreGoneFailsAndIsLoadedAgainFromTheStart() throws Exception {
        var before = TestWarehouse.fingerprint(jdbc);
        LoadOutcome stopped = stoppedInItsFirstChunk();
        jdbc.execute("drop table " + FactSlices.shadow(FactSlices.FACTS, stopped.loadId()));

        LoadOutcome resumed = loads.load(annual, false);

        assertThat(resumed.status()).isEqualTo(LoadOutcome.Status.FAILED);
        assertThat(resumed.loadId()).isEqualTo(stopped.loadId());
        assertThat(resumed.failure()).contains("rows were staged but the load's new slices hold")
                .contains("run the load again to read the files from the start");
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        assertThat(TestWarehouse.stagedRows(jdbc)).isZero(); // abandoned: its rows dropped

        LoadOutcome again = loads.load(annual, false);

        assertThat(again.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(again.loadId()).isNotEqualTo(stopped.loadId());
        assertExactlyLoaded();
    }

    /** The annual publication's load, stopped at the end of its first chunk. */
    private LoadOutcome stoppedInItsFirstChunk() throws Exception {
        LoadOutcome stopped;
        try (Connection blocker = dataSource.getConnection()) {
            // Hold the facts so the load waits in its first chunk (making its new slices like them), then ask it to stop:
            // it stops at that chunk's end.
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table dw.fact_trade in access exclusive mode");
            CompletableFuture<LoadOutcome> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return loads.load(annual, false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitRunningLoad();
            jobRepository.findRunningJobExecutions(LoadJobConfiguration.JOB_NAME).forEach(e -> {
                try {
                    jobOperator.stop(e);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            blocker.commit();
            stopped = running.get(60, TimeUnit.SECONDS);
        }
        // JobOperator.stop writes the step's row while the job's thread does too (Spring Batch 6): the job ends
        // STOPPED, or FAILED when the job's own write loses on the row's version; either is resumed.
        assertThat(stopped.status()).isIn(LoadOutcome.Status.STOPPED, LoadOutcome.Status.FAILED);
        return stopped;
    }

    private void assertExactlyLoaded() {
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(warehouseEuros("t.label || ':' || f.flow || ':' || g.dep_code"))
                .isEqualTo(raw.euros(f -> f[2] + "-T" + f[1] + ":" + f[0] + ":" + f[3]));
        assertSliceSums(raw);
    }

    @Test
    void aSecondLoadIsRefusedWhileOneRuns() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.createStatement().execute("select pg_advisory_lock(" + LoadLock.LOAD_LOCK_KEY + ")");
            var before = TestWarehouse.fingerprint(jdbc);

            LoadOutcome refused = loads.load(annual, false);

            assertThat(refused.status()).isEqualTo(LoadOutcome.Status.BUSY);
            assertThat(refused.failure()).isEqualTo("another load is running on this database; try again when it has finished");
            assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
            // a session lock outlives the pooled connection's return to the pool: release it
            other.createStatement().execute("select pg_advisory_unlock(" + LoadLock.LOAD_LOCK_KEY + ")");
        }
        assertThat(loads.load(annual, false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
    }

    private void awaitRunningLoad() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Integer waiting = jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query ilike 'create table staging.fact_trade_%'", Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the load never reached its first chunk");
    }

    private long firstLoadId() {
        return jdbc.queryForObject("select min(load_id) from dw.load", Long.class);
    }

    private long lastLoadId() {
        return jdbc.queryForObject("select max(load_id) from dw.load", Long.class);
    }

    /** Per slice, the euros per département and country and the lines per département and CPF4 of the rows. */
    private void assertSliceSums(RawRows rows) {
        Function<String[], String> slice = f -> f[2] + f[1] + ":" + f[0] + ":" + f[3];
        assertThat(TestWarehouse.sums(jdbc, "select time_key || ':' || flow || ':' || dep_code || ':' || country, value_eur"
                + " from dw.slice_sum where country is not null")).isEqualTo(rows.euros(f -> slice.apply(f) + ":" + f[7]));
        assertThat(TestWarehouse.sums(jdbc, "select time_key || ':' || flow || ':' || dep_code || ':' || cpf4, lines"
                + " from dw.slice_sum where cpf4 is not null")).isEqualTo(rows.rows().stream().collect(
                        Collectors.groupingBy(f -> slice.apply(f) + ":" + f[6], TreeMap::new, Collectors.counting())));
    }

    private Map<String, Long> warehouseEuros(String key) {
        Map<String, Long> sums = new TreeMap<>();
        jdbc.query("select " + key + " as k, sum(f.value_eur) as eur from dw.fact_trade f"
                + " join dw.dim_time t using (time_key) join dw.dim_geography g using (geo_key)"
                + " join dw.dim_product p using (product_key) join dw.dim_partner_country c using (partner_key)"
                + " group by 1", rs -> {
            sums.put(rs.getString("k"), rs.getLong("eur"));
        });
        return sums;
    }

    static String lines(List<String[]> rows, String flow) {
        StringBuilder b = new StringBuilder();
        rows.stream().filter(f -> f[0].equals(flow)).forEach(f -> b.append(String.join(";", f)).append("\r\n"));
        return b.toString();
    }

    static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
