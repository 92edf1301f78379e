package org.tradewarehouse.ingest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of bad input: a clear message naming file, line and reason, and a warehouse left as it was. */
@SpringBootTest
@ActiveProfiles("test")
class BadInputFunctionalTest {

    private static final String GOOD_1 = "E;1;2030;87;09;C21Z;2120;US;1000;10";
    private static final String GOOD_2 = "I;2;2030;33;09;C10A;1011;DE;250;5";

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    List<Map<String, Object>> before;

    @BeforeEach
    void warehouseWithOnePublication() throws Exception {
        TestWarehouse.reset(jdbc);
        loads.load(SamplePublication.write(dir.resolve("base"), SamplePublication.Options.defaults()).zips(), false);
        before = TestWarehouse.fingerprint(jdbc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            9 fields                 | E;1;2030;87;09;C21Z;2120;US;1000             | expected 10 fields separated by ';', found 9
            11 fields                | E;1;2030;87;09;C21Z;2120;US;1000;10;3        | expected 10 fields separated by ';', found 11
            flow not E or I          | X;1;2030;87;09;C21Z;2120;US;1000;10          | flow (Flux) must be E or I, found 'X'
            quarter 5                | E;5;2030;87;09;C21Z;2120;US;1000;10          | quarter (Trimestre) must be 1 to 4, found '5'
            year not a number        | E;1;20x0;87;09;C21Z;2120;US;1000;10          | year (Année) must be a four-digit year, found '20x0'
            negative value           | E;1;2030;87;09;C21Z;2120;US;-1000;10         | value (Valeur) must be a whole number of euros, 0 or more, found '-1000'
            decimal value            | E;1;2030;87;09;C21Z;2120;US;1000,5;10        | value (Valeur) must be a whole number of euros, 0 or more, found '1000,5'
            mass not a number        | E;1;2030;87;09;C21Z;2120;US;1000;n/a         | mass (Masse) must be a whole number of kilograms, 0 or more, found 'n/a'
            empty département        | E;1;2030;;09;C21Z;2120;US;1000;10            | département code is empty
            empty country            | E;1;2030;87;09;C21Z;2120;;1000;10            | country code is empty
            """)
    void aBadLineIsRejectedWithItsReasonAndNothingIsPublished(String name, String badLine, String reason) throws Exception {
        Path file = write("bad.txt", GOOD_1, badLine, GOOD_2);

        LoadOutcome outcome = loads.load(List.of(file), false);

        assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.REJECTED);
        assertThat(outcome.status().exitCode).isEqualTo(4);
        assertThat(outcome.failure()).startsWith("1 line(s) rejected").contains("warehouse is unchanged", "--accept-rejects");
        assertThat(outcome.rejectSamples()).containsExactly("bad.txt line 2: " + reason + ": " + badLine);
        var reject = jdbc.queryForMap("select file, line, raw, reason from staging.reject where load_id = ?", outcome.loadId());
        assertThat(reject).containsEntry("file", "bad.txt").containsEntry("line", 2L)
                .containsEntry("raw", badLine).containsEntry("reason", reason);
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
    }

    @Test
    void rejectedEurosAreReportedAndAcceptedRejectsLoadExactlyTheValidRows() throws Exception {
        Path file = write("mixed.txt", GOOD_1, "E;9;2030;87;09;C21Z;2120;US;777;1", GOOD_2, "", "I;2;2030;33;09;C10A;1011;DE;12.5;5");

        LoadOutcome refused = loads.load(List.of(file), false);
        assertThat(refused.failure()).startsWith("2 line(s) rejected (777 EUR in their value field)");

        LoadOutcome accepted = loads.load(List.of(file), true);

        assertThat(accepted.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(accepted.flows()).extracting(f -> f.flow() + " read " + f.rowsRead() + " loaded " + f.rowsLoaded()
                        + " rejected " + f.rowsRejected() + " eur " + f.valueLoadedEur() + " rejected eur " + f.valueRejectedEur())
                .containsExactly("E read 2 loaded 1 rejected 1 eur 1000 rejected eur 777",
                        "I read 2 loaded 1 rejected 1 eur 250 rejected eur 0");
        assertThat(jdbc.queryForList("select t.label || f.flow || ':' || f.value_eur from dw.fact_trade f"
                + " join dw.dim_time t using (time_key) where t.year = 2030 order by 1", String.class))
                .containsExactly("2030-T1E:1000", "2030-T2I:250");
        // everything else is as it was
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade f join dw.dim_time t using (time_key)"
                + " where t.year <> 2030", String.class)).isEqualTo(before.get(0).get("eur"));
    }

    @Test
    void codesMissingFromTheNomenclaturesAreLoadedWithAPlaceholderLabel() throws Exception {
        Path file = write("unknown.txt", "E;1;2030;7Z;09;C21Z;9999;ZZ;5000;1");

        LoadOutcome outcome = loads.load(List.of(file), false);

        assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(jdbc.queryForObject("select dep_name from dw.dim_geography where dep_code = '7Z' and not known", String.class))
                .isEqualTo("Département 7Z (absent de la nomenclature)");
        assertThat(jdbc.queryForObject("select cpf4_label from dw.dim_product where cpf4 = '9999' and not known", String.class))
                .isEqualTo("CPF4 9999 (absent de la nomenclature)");
        assertThat(jdbc.queryForObject("select label from dw.dim_partner_country where code = 'ZZ' and not known", String.class))
                .isEqualTo("Pays ZZ (absent de la nomenclature)");
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade where time_key = 20301", Long.class)).isEqualTo(5000L);
    }

    @Test
    void aZipWithoutDataFileIsRefused() throws Exception {
        Path zip = LoadJobFunctionalTest.zip(dir.resolve("labels-only.zip"), Map.of("Libelle_PAYS.txt", "US;Etats-Unis;190001;999912\r\n"));
        assertRefused(zip, "labels-only.zip: no regional data file in this ZIP");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        assertRefused(write("empty.txt"), "empty.txt: the file is empty");
    }

    @Test
    void aTruncatedZipIsRefused() throws Exception {
        Path good = SamplePublication.write(dir.resolve("t"), SamplePublication.Options.defaults()).zips().get(0);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(truncated, "truncated.zip: not a readable ZIP archive, truncated or corrupted");
    }

    @Test
    void theNationalFileIsRefused() throws Exception {
        // Flux;Mois;Année;CPF6;A129;NC8;Pays;Valeur;Masse;USUP: ten fields too, like the regional layout
        Path national = write("National_2024_Import.txt", "I;09;2024;014310;A01Z;01012100;AU;70000;1000;2",
                "I;03;2024;292020;C20B;29202000;DE;15300;120;0");
        assertRefused(national, "National_2024_Import.txt: not a DGDDI regional data file (it looks like the national file");
    }

    @Test
    void aFileOfAnotherLayoutIsRefused() throws Exception {
        Path other = write("other.txt", "E;202401;84713000;US;1200;15;10", "E;202401;84713000;DE;800;12;4");
        assertRefused(other, "other.txt: not a DGDDI regional data file (its first line has 7 fields; expected 10");
    }

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> loads.load(List.of(file), true))
                .isInstanceOf(BadPublicationException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), lines.length == 0 ? "" : String.join("\r\n", lines) + "\r\n",
                StandardCharsets.UTF_8);
    }
}
