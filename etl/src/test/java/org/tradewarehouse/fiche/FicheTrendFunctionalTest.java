package org.tradewarehouse.fiche;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadOutcome;
import org.tradewarehouse.ingest.LoadService;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trend holds every quarter loaded up to the fiche's year's last, and null for a flow whose slice of a quarter is
 * not loaded: a warehouse holding 2023's exports, 2024-T1 both flows and 2024-T2's exports only. A flow without trade
 * has null shares.
 */
@SpringBootTest
@ActiveProfiles("test")
class FicheTrendFunctionalTest {

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    FicheService fiches;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aQuarterAndFlowNotLoadedIsNullAndTheTrendStopsAtTheFichesYear() throws Exception {
        TestWarehouse.reset(jdbc);
        RawRows sample = RawRows.of(SamplePublication.write(dir.resolve("sample"), SamplePublication.Options.defaults()).zips());
        Predicate<String[]> exports = f -> f[0].equals("E") && (f[2].equals("2023") || f[1].equals("1") || f[1].equals("2"));
        Predicate<String[]> imports = f -> f[0].equals("I") && f[2].equals("2024") && f[1].equals("1");
        List<String[]> kept = sample.rows().stream().filter(exports.or(imports)).toList();
        Path rolling = dir.resolve("rolling.zip");
        try (OutputStream out = Files.newOutputStream(rolling); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String flow : List.of("E", "I")) {
                zip.putNextEntry(new ZipEntry("REGIONAL_CPF4PAYS" + flow + ".txt"));
                StringBuilder b = new StringBuilder();
                kept.stream().filter(f -> f[0].equals(flow) && !(flow.equals("E") && f[2].equals("2024") && f[1].compareTo("2") > 0))
                        .forEach(f -> b.append(String.join(";", f)).append("\r\n"));
                zip.write(b.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertThat(loads.load(List.of(rolling), false).status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        RawRows raw = new RawRows(kept);

        for (String geo : List.of("dep:87", "reg:09", "fr")) {
            ExpectedFiche expected = new ExpectedFiche(raw, geo, 2024, 5);
            List<Object[]> quarters = expected.quarters();
            assertThat(quarters).extracting(q -> q[0] + "-" + q[1] + " " + (q[2] != null) + " " + (q[3] != null))
                    .containsExactly("2023-1 true false", "2023-2 true false", "2023-3 true false", "2023-4 true false",
                            "2024-1 true true", "2024-2 true false");
            assertThat(fiches.fiche(geo, 2024, ProductLevel.A129).trend().quarters())
                    .extracting(q -> new Object[]{q.year(), q.quarter(), q.exportsEur(), q.importsEur()})
                    .as(geo).containsExactlyElementsOf(quarters);
            assertThat(fiches.fiche(geo, 2023, ProductLevel.A129).trend().quarters())
                    .extracting(q -> new Object[]{q.year(), q.quarter(), q.exportsEur(), q.importsEur()})
                    .as(geo + " in 2023").containsExactlyElementsOf(new ExpectedFiche(raw, geo, 2023, 5).quarters());

            // 2023 has no imports: every share of their exposure has a denominator of 0, and no product to depend on
            Fiche y2023 = fiches.fiche(geo, 2023, ProductLevel.A129);
            assertThat(y2023.exposure().imports()).isEqualTo(new Fiche.PartnerShares(null, null, null, null));
            assertThat(y2023.exposure().france().imports()).isEqualTo(new Fiche.PartnerShares(null, null, null, null));
            assertThat(y2023.exposure().exports().shareEu27()).isPositive();
            assertThat(y2023.dependence().imports()).isEmpty();
            assertThat(y2023.usExposure().exports()).isNotEmpty();
        }
    }
}
