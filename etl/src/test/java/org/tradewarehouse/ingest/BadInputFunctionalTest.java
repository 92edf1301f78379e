package org.tradewarehouse.ingest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.cli.TradeEtl;
import picocli.CommandLine;
import org.tradewarehouse.demo.SamplePublication;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradewarehouse.ingest.Bytes.concat;
import static org.tradewarehouse.ingest.Bytes.utf8;

/**
 * A corpus of bad inputs, generated here: every field wrong in every way, encodings, line endings, broken and
 * forged ZIPs, files of other formats. Each gives a clear one-line message naming the file (and line, and reason),
 * and leaves the warehouse as it was; with --accept-rejects, exactly the valid rows are added. The sample
 * publication is loaded once: a failed load that leaves the fingerprint unchanged needs no reload.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputFunctionalTest {

    private static final String GOOD_1 = "E;1;2030;87;09;C21Z;2120;US;1000;10";
    private static final String GOOD_2 = "I;2;2030;33;09;C10A;1011;DE;250;5";
    private static final String FIELDS = "expected 10 fields separated by ';', found ";
    private static final String VALUE = "value (Valeur) must be a whole number of euros, 0 or more, found ";
    private static final String MASS = "mass (Masse) must be a whole number of kilograms, 0 or more, found ";

    @TempDir
    static Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    List<Map<String, Object>> before;

    /** A line between two good ones, and the reason it must be rejected with. */
    record BadLine(String name, byte[] line, String reason) {
        BadLine(String name, String line, String reason) {
            this(name, utf8(line), reason);
        }
    }

    /** An input and the start of the message that must refuse it (or that the failed load must give). */
    record BadFile(String name, Input input, String message) {
    }

    interface Input {
        List<Path> write() throws IOException;
    }

    @BeforeAll
    void warehouseWithOnePublication() throws Exception {
        TestWarehouse.reset(jdbc);
        loads.load(SamplePublication.write(dir.resolve("base"), SamplePublication.Options.defaults()).zips(), false);
        before = TestWarehouse.fingerprint(jdbc);
    }

    static List<BadLine> badLines() {
        String tooLong = "E;1;2030;87;09;C21Z;2120;US;1000;" + "9".repeat(LineInput.MAX_LINE_BYTES);
        return List.of(
                new BadLine("9 fields", "E;1;2030;87;09;C21Z;2120;US;1000", FIELDS + "9"),
                new BadLine("11 fields", "E;1;2030;87;09;C21Z;2120;US;1000;10;3", FIELDS + "11"),
                new BadLine("1 field, tab-separated", "E\t1\t2030\t87\t09\tC21Z\t2120\tUS\t1000\t10", FIELDS + "1"),
                new BadLine("1 field, comma-separated", "E,1,2030,87,09,C21Z,2120,US,1000,10", FIELDS + "1"),
                new BadLine("header row", Publication.EXPECTED_LAYOUT, "flow (Flux) must be E or I, found 'Flux'"),
                new BadLine("only separators", ";;;;;;;;;", "flow (Flux) must be E or I, found ''"),
                new BadLine("flow X", "X;1;2030;87;09;C21Z;2120;US;1000;10", "flow (Flux) must be E or I, found 'X'"),
                new BadLine("flow lower case", "e;1;2030;87;09;C21Z;2120;US;1000;10", "flow (Flux) must be E or I, found 'e'"),
                new BadLine("flow spelt out", "Export;1;2030;87;09;C21Z;2120;US;1000;10", "flow (Flux) must be E or I, found 'Export'"),
                new BadLine("quarter 5", "E;5;2030;87;09;C21Z;2120;US;1000;10", "quarter (Trimestre) must be 1 to 4, found '5'"),
                new BadLine("quarter 0", "E;0;2030;87;09;C21Z;2120;US;1000;10", "quarter (Trimestre) must be 1 to 4, found '0'"),
                new BadLine("quarter T1", "E;T1;2030;87;09;C21Z;2120;US;1000;10", "quarter (Trimestre) must be 1 to 4, found 'T1'"),
                new BadLine("quarter empty", "E;;2030;87;09;C21Z;2120;US;1000;10", "quarter (Trimestre) must be 1 to 4, found ''"),
                new BadLine("month instead of quarter", "E;11;2030;87;09;C21Z;2120;US;1000;10", "quarter (Trimestre) must be 1 to 4, found '11'"),
                new BadLine("year with a letter", "E;1;20x0;87;09;C21Z;2120;US;1000;10", "year (Année) must be a four-digit year, found '20x0'"),
                new BadLine("year of 2 digits", "E;1;30;87;09;C21Z;2120;US;1000;10", "year (Année) must be a four-digit year, found '30'"),
                new BadLine("year 1800", "E;1;1800;87;09;C21Z;2120;US;1000;10", "year (Année) must be a four-digit year, found '1800'"),
                new BadLine("year empty", "E;1;;87;09;C21Z;2120;US;1000;10", "year (Année) must be a four-digit year, found ''"),
                new BadLine("département empty", "E;1;2030;;09;C21Z;2120;US;1000;10", "département code is empty"),
                new BadLine("département too long", "E;1;2030;870000000;09;C21Z;2120;US;1000;10", "département code is too long: '870000000'"),
                new BadLine("département with a dash", "E;1;2030;8-7;09;C21Z;2120;US;1000;10", "département code has an unexpected character: '8-7'"),
                new BadLine("région empty", "E;1;2030;87;;C21Z;2120;US;1000;10", "région code is empty"),
                new BadLine("A129 in lower case", "E;1;2030;87;09;c21z;2120;US;1000;10", "A129 code has an unexpected character: 'c21z'"),
                new BadLine("CPF4 empty", "E;1;2030;87;09;C21Z;;US;1000;10", "CPF4 code is empty"),
                new BadLine("CPF4 with a dot", "E;1;2030;87;09;C21Z;21.2;US;1000;10", "CPF4 code has an unexpected character: '21.2'"),
                new BadLine("country empty", "E;1;2030;87;09;C21Z;2120;;1000;10", "country code is empty"),
                new BadLine("country with a symbol", "E;1;2030;87;09;C21Z;2120;U$;1000;10", "country code has an unexpected character: 'U$'"),
                new BadLine("NUL byte in a code", "E;1;2030;87;09;C21Z;2120;U\0;1000;10", "country code has an unexpected character: 'U\uFFFD'"), // PostgreSQL text holds no NUL
                new BadLine("negative value", "E;1;2030;87;09;C21Z;2120;US;-1000;10", VALUE + "'-1000'"),
                new BadLine("decimal comma", "E;1;2030;87;09;C21Z;2120;US;1000,5;10", VALUE + "'1000,5'"),
                new BadLine("decimal point", "E;1;2030;87;09;C21Z;2120;US;1000.5;10", VALUE + "'1000.5'"),
                new BadLine("thousands separator", "E;1;2030;87;09;C21Z;2120;US;1 000;10", VALUE + "'1 000'"),
                new BadLine("exponent", "E;1;2030;87;09;C21Z;2120;US;1e6;10", VALUE + "'1e6'"),
                new BadLine("value empty", "E;1;2030;87;09;C21Z;2120;US;;10", VALUE + "''"),
                new BadLine("huge value, 20 digits", "E;1;2030;87;09;C21Z;2120;US;12345678901234567890;10", VALUE + "'12345678901234567890'"),
                new BadLine("negative mass", "E;1;2030;87;09;C21Z;2120;US;1000;-10", MASS + "'-10'"),
                new BadLine("mass n/a", "E;1;2030;87;09;C21Z;2120;US;1000;n/a", MASS + "'n/a'"),
                new BadLine("mass empty", "E;1;2030;87;09;C21Z;2120;US;1000;", MASS + "''"),
                new BadLine("huge mass, 19 digits", "E;1;2030;87;09;C21Z;2120;US;1000;9999999999999999999", MASS + "'9999999999999999999'"),
                new BadLine("Windows-1252 byte in a code", concat(utf8("E;1;2030;87;09;C21Z;2120;"), new byte[]{(byte) 0xC9}, utf8("U;1000;10")),
                        "not valid UTF-8 text"),
                new BadLine("line of 4 KB", tooLong, "longer than " + LineInput.MAX_LINE_BYTES + " bytes: not a line of the regional layout"));
    }

    @Order(1)
    @TestFactory
    Stream<DynamicTest> aBadLineIsRejectedWithFileLineAndReasonAndNothingIsPublished() {
        return badLines().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path file = Files.write(dir.resolve("bad.txt"), concat(utf8(GOOD_1 + "\r\n"), c.line(), utf8("\r\n" + GOOD_2 + "\r\n")));

            LoadOutcome outcome = loads.load(List.of(file), false);

            assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.REJECTED);
            assertThat(outcome.status().exitCode).isEqualTo(4);
            assertThat(outcome.failure()).startsWith("1 line(s) rejected").contains("warehouse is unchanged", "--accept-rejects")
                    .doesNotContain("\n");
            assertThat(outcome.rejectSamples()).singleElement().asString().startsWith("bad.txt line 2: " + c.reason() + ": ");
            var reject = jdbc.queryForMap("select file, line, reason from staging.reject where load_id = ?", outcome.loadId());
            assertThat(reject).containsEntry("file", "bad.txt").containsEntry("line", 2L).containsEntry("reason", c.reason());
            assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        }));
    }

    static List<BadFile> badFiles() {
        String layout = "expected 10: " + Publication.EXPECTED_LAYOUT;
        return List.of(
                new BadFile("missing file", () -> List.of(dir.resolve("no-such.zip")), "no-such.zip: no such readable file"),
                new BadFile("a directory", () -> List.of(Files.createDirectories(dir.resolve("folder.zip"))), "folder.zip: no such readable file"),
                new BadFile("empty file", () -> List.of(write("empty.txt", new byte[0])), "empty.txt: the file is empty"),
                new BadFile("blank lines only", () -> List.of(write("blank.txt", utf8("\r\n\n  \r\n"))), "blank.txt: the data file is empty"),
                new BadFile("header row only", () -> List.of(write("header.txt", utf8(Publication.EXPECTED_LAYOUT + "\r\n"))),
                        "header.txt: not a DGDDI regional data file (its lines have 10 fields but no one-digit quarter"),
                new BadFile("11 fields on every line", () -> List.of(write("eleven.txt", utf8(GOOD_1 + ";0\r\n" + GOOD_2 + ";0\r\n"))),
                        "eleven.txt: not a DGDDI regional data file (its first line has 11 fields; " + layout),
                new BadFile("9 fields on every line", () -> List.of(write("nine.txt", utf8("E;1;2030;87;09;C21Z;2120;US;1000\r\n"))),
                        "nine.txt: not a DGDDI regional data file (its first line has 9 fields; " + layout),
                new BadFile("another layout", () -> List.of(write("other.txt", utf8("E;202401;84713000;US;1200;15;10\r\n"))),
                        "other.txt: not a DGDDI regional data file (its first line has 7 fields"),
                new BadFile("the national file", () -> List.of(write("National_2024_Import.txt",
                        utf8("I;09;2024;014310;A01Z;01012100;AU;70000;1000;2\r\nI;03;2024;292020;C20B;29202000;DE;15300;120;0\r\n"))),
                        "National_2024_Import.txt: not a DGDDI regional data file (it looks like the national file"),
                new BadFile("the national file in its ZIP", () -> List.of(zip("202412_national_2024_import.zip", Map.of(
                        "National-2024-import/National_2024_Import.txt", utf8("I;09;2024;014310;A01Z;01012100;AU;70000;1000;2\r\n")))),
                        "202412_national_2024_import.zip!National-2024-import/National_2024_Import.txt: not a DGDDI regional data file (it looks like the national file"),
                new BadFile("UTF-16 text", () -> List.of(write("utf16.txt", concat(new byte[]{(byte) 0xFF, (byte) 0xFE},
                        (GOOD_1 + "\r\n").getBytes(StandardCharsets.UTF_16LE)))), "utf16.txt: not UTF-8 text (it holds NUL bytes"),
                new BadFile("binary file", () -> List.of(write("picture.txt", concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}, new byte[500]))),
                        "picture.txt: not UTF-8 text (it holds NUL bytes"),
                new BadFile("gzip named .zip", () -> List.of(write("gzipped.zip", new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0})),
                        "gzipped.zip: not UTF-8 text (it holds NUL bytes"),
                new BadFile("one line of 1 MB without line break", () -> List.of(write("endless.txt", utf8("E;".repeat(1 << 19)))),
                        "endless.txt: not a DGDDI regional data file (its first line has "),
                new BadFile("a label annex alone", () -> List.of(write("Libelle_PAYS.txt", utf8("US;Etats-Unis;190001;999912\r\n"))),
                        "Libelle_PAYS.txt: this is a label annex, not a data file"),
                new BadFile("ZIP without data file", () -> List.of(zip("labels-only.zip", Map.of("Libelle_PAYS.txt", utf8("US;Etats-Unis;190001;999912\r\n")))),
                        "labels-only.zip: no regional data file in this ZIP"),
                new BadFile("ZIP with a CSV instead of the .txt", () -> List.of(zip("csv.zip", Map.of("Region_2030_Export.csv", utf8(GOOD_1 + "\r\n")))),
                        "csv.zip: no regional data file in this ZIP (found only: Region_2030_Export.csv)"),
                new BadFile("ZIP inside the ZIP", () -> List.of(zip("nested.zip", Map.of("inner.zip", Files.readAllBytes(sampleZip())))),
                        "nested.zip: no regional data file in this ZIP (found only: inner.zip)"),
                new BadFile("ZIP with an empty data file", () -> List.of(zip("empty-entry.zip", Map.of("Region_2030_Export.txt", new byte[0]))),
                        "empty-entry.zip!Region_2030_Export.txt: the data file is empty"),
                new BadFile("empty ZIP", () -> List.of(zip("nothing.zip", Map.of())), "nothing.zip: no regional data file in this ZIP"),
                new BadFile("truncated ZIP", () -> List.of(write("truncated.zip", half(sampleZip()))),
                        "truncated.zip: not a readable ZIP archive, truncated or corrupted"),
                new BadFile("ZIP cut after its first bytes", () -> List.of(write("stub.zip", Arrays.copyOf(Files.readAllBytes(sampleZip()), 100))),
                        "stub.zip: not a readable ZIP archive, truncated or corrupted"),
                new BadFile("ZIP with corrupted data", () -> List.of(write("corrupted.zip", corrupted(sampleZip(), (byte) 0x55))),
                        "corrupted.zip!"),
                new BadFile("ZIP bomb: 2 GiB of zeros in a few MB", () -> List.of(zipBomb()),
                        "bomb.zip!Region_2030_Export.txt: inflates to 2,147,483,648 bytes from "),
                new BadFile("forged ZIP: an entry inflating beyond its declared size", () -> List.of(forgedSize()),
                        "forged.zip!Region_2030_Export.txt: cannot be read (the entry inflates to more than the 100 bytes the archive declares"),
                // entries are read as streams, never extracted: such a name is only a name, reported as it is
                new BadFile("path traversal in a ZIP", () -> List.of(zip("traversal.zip", Map.of("../../evil.txt", utf8(GOOD_1 + "\r\nX;1\r\n")))),
                        "traversal.zip!../../evil.txt line 2: " + FIELDS + "2"),
                new BadFile("absolute path in a ZIP", () -> List.of(zip("absolute.zip", Map.of("/evil.txt", utf8(GOOD_1 + "\r\nX;1\r\n")))),
                        "absolute.zip!/evil.txt line 2: " + FIELDS + "2"),
                new BadFile("Windows path traversal in a ZIP", () -> List.of(zip("backslash.zip", Map.of("..\\..\\evil.txt", utf8(GOOD_1 + "\r\nX;1\r\n")))),
                        "backslash.zip!..\\..\\evil.txt line 2: " + FIELDS + "2"),
                new BadFile("values adding up beyond what PostgreSQL holds", () -> List.of(write("overflow.txt",
                        utf8(("E;1;2030;87;09;C21Z;2120;US;999999999999999999;10\r\n").repeat(10)))),
                        "the values of E 2030-T1 add up to more than 9,223,372,036,854,775,807 EUR"),
                // the chunk's first rows are already on their way to PostgreSQL when it fails: the COPY is cancelled
                new BadFile("values adding up beyond what PostgreSQL holds, after rows already sent", () -> List.of(write("overflow-late.txt",
                        utf8("E;1;2030;87;09;C21Z;2120;US;1;10\r\n".repeat(900)
                                + "E;1;2030;87;09;C21Z;2120;US;999999999999999999;10\r\n".repeat(10)))),
                        "the values of E 2030-T1 add up to more than 9,223,372,036,854,775,807 EUR"));
    }

    @Order(2)
    @TestFactory
    Stream<DynamicTest> aBadFileIsRefusedWithAOneLineMessageAndTheWarehouseIsUnchanged() {
        return badFiles().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Path> input = c.input().write();

            String message;
            try {
                LoadOutcome outcome = loads.load(input, false);
                assertThat(outcome.status()).isIn(LoadOutcome.Status.FAILED, LoadOutcome.Status.REJECTED);
                assertThat(outcome.failure()).doesNotContain("\n");
                message = outcome.status() == LoadOutcome.Status.REJECTED ? outcome.rejectSamples().get(0) : outcome.failure();
            } catch (BadPublicationException e) {
                message = e.getMessage();
                // the operator's view: the same message, one line, exit code 2, before any database is opened
                StringWriter err = new StringWriter();
                int exitCode = new CommandLine(new TradeEtl()).setErr(new PrintWriter(err))
                        .execute("load", input.get(0).toString());
                assertThat(exitCode).isEqualTo(2);
                assertThat(err.toString()).isEqualTo("error: " + message + System.lineSeparator());
            }
            assertThat(message).startsWith(c.message()).doesNotContain("\n").doesNotContain("Exception");
            assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
            // nothing extracted, wherever a ZIP tool would have written a traversing entry
            for (Path base : List.of(dir, dir.resolve("a/b"), Path.of("").toAbsolutePath())) {
                assertThat(base.resolve("../../evil.txt").normalize()).doesNotExist();
            }
        }));
    }

    @Order(2)
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aChunkThatFailsIsReportedByTheLoadAloneWithoutAStackTrace(CapturedOutput output) throws Exception {
        LoadOutcome outcome = loads.load(List.of(write("corrupted-again.zip", corrupted(sampleZip(), (byte) 0x2A))), false);

        assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.FAILED);
        assertThat(outcome.failure()).startsWith("corrupted-again.zip!").contains("cannot be read");
        assertThat(output.getAll()).doesNotContain("Rolling back chunk transaction").doesNotContain("\tat ");
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
    }

    /** Accepted quirks of real files (each in a year of its own): the rows are all loaded, exactly. */
    static Map<String, byte[]> quirks() {
        String good1 = GOOD_1.replace("2030", "2041");
        String good2 = GOOD_2.replace("2030", "2041");
        Map<String, byte[]> q = new LinkedHashMap<>();
        q.put("UTF-8 byte order mark", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(good1 + "\r\n" + good2 + "\r\n")));
        q.put("CRLF and LF mixed, no final line break",
                utf8((good1 + "\n" + good2 + "\r\n" + good1.replace(";1;", ";3;")).replace("2041", "2042")));
        q.put("blank lines between and after", utf8(("\r\n" + good1 + "\r\n\r\n   \r\n" + good2 + "\n\n").replace("2041", "2043")));
        return q;
    }

    @Order(3)
    @TestFactory
    Stream<DynamicTest> quirksOfRealFilesAreReadAsTheRowsTheyHold() {
        return quirks().entrySet().stream().map(q -> DynamicTest.dynamicTest(q.getKey(), () -> {
            Path file = write("quirk.txt", q.getValue());
            RawRows rows = RawRows.of(List.of(file));
            String year = rows.rows().get(0)[2];
            var others = factsOutside(year);

            LoadOutcome outcome = loads.load(List.of(file), false);

            assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
            assertThat(outcome.rejectSamples()).isEmpty();
            assertThat(factsIn(year)).isEqualTo(rows.euros(f -> f[2] + "-T" + f[1] + f[0].replace("\uFEFF", "")));
            assertThat(factsOutside(year)).isEqualTo(others);
        }));
    }

    @Order(4)
    @Test
    void everyBadLineAtOnceWithAcceptRejectsAddsExactlyTheValidRows() throws Exception {
        List<BadLine> bad = badLines();
        List<byte[]> lines = new ArrayList<>();
        for (BadLine b : bad) {
            lines.add(utf8(GOOD_1.replace(";1000;", ";" + (lines.size() + 1) + ";") + "\r\n"));
            lines.add(concat(b.line(), utf8("\r\n")));
        }
        Path file = write("mixed.txt", concat(lines.toArray(byte[][]::new)));
        List<Map<String, Object>> start = TestWarehouse.fingerprint(jdbc);
        var others = factsOutside("2030");

        LoadOutcome refused = loads.load(List.of(file), false);
        assertThat(refused.status()).isEqualTo(LoadOutcome.Status.REJECTED);
        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(start);

        LoadOutcome accepted = loads.load(List.of(file), true);

        assertThat(accepted.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        long validEuros = 0;
        for (int i = 0; i < bad.size(); i++) {
            validEuros += 2 * i + 1; // the value of the good line before each bad one
        }
        assertThat(factsIn("2030")).isEqualTo(Map.of("2030-T1E", validEuros));
        assertThat(factsOutside("2030")).isEqualTo(others);
        assertThat(jdbc.queryForList("select line || ': ' || reason from staging.reject where load_id = ? order by line",
                String.class, accepted.loadId())).containsExactlyElementsOf(
                bad.stream().map(b -> (2 * bad.indexOf(b) + 2) + ": " + b.reason()).toList());
    }

    @Order(5)
    @Test
    void codesMissingFromTheNomenclaturesAreLoadedWithAPlaceholderLabel() throws Exception {
        Path file = write("unknown.txt", utf8("E;1;2031;7Z;09;C21Z;9999;ZZ;5000;1\r\n"));

        LoadOutcome outcome = loads.load(List.of(file), false);

        assertThat(outcome.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(jdbc.queryForObject("select dep_name from dw.dim_geography where dep_code = '7Z' and not known", String.class))
                .isEqualTo("Département 7Z (absent de la nomenclature)");
        assertThat(jdbc.queryForObject("select cpf4_label from dw.dim_product where cpf4 = '9999' and not known", String.class))
                .isEqualTo("CPF4 9999 (absent de la nomenclature)");
        assertThat(jdbc.queryForObject("select label from dw.dim_partner_country where code = 'ZZ' and not known", String.class))
                .isEqualTo("Pays ZZ (absent de la nomenclature)");
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade where time_key = 20311", Long.class)).isEqualTo(5000L);
    }

    private Map<String, Long> factsIn(String year) {
        return TestWarehouse.sums(jdbc, "select t.label || f.flow, sum(f.value_eur) from dw.fact_trade f"
                + " join dw.dim_time t using (time_key) where t.year = ?::int group by 1", year);
    }

    private List<Map<String, Object>> factsOutside(String year) {
        return jdbc.queryForList("select t.label, f.flow, count(*) as n, sum(f.value_eur) as eur from dw.fact_trade f"
                + " join dw.dim_time t using (time_key) where t.year <> ?::int group by 1, 2 order by 1, 2", year);
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static Path zip(String name, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return dir.resolve(name);
    }

    private static Path sampleZip() throws IOException {
        Path sample = dir.resolve("sample").resolve(SamplePublication.zipFileName(2024, "E"));
        if (!Files.exists(sample)) {
            SamplePublication.write(dir.resolve("sample"), SamplePublication.Options.defaults());
        }
        return sample;
    }

    private static byte[] half(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    /** The deflated bytes of the data entry overwritten in their middle with {@code fill}; the archive's directory is intact. */
    private static byte[] corrupted(Path file, byte fill) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            ZipEntry data = zip.stream().filter(e -> e.getName().endsWith(SamplePublication.dataEntryName(2024, "E"))).findFirst().orElseThrow();
            long offset = localHeaderOffset(bytes, data.getName()) + data.getCompressedSize() / 2;
            Arrays.fill(bytes, (int) offset, (int) offset + 64, fill);
        }
        return bytes;
    }

    private static int localHeaderOffset(byte[] bytes, String entryName) {
        byte[] name = utf8(entryName);
        for (int i = 0; i + 30 + name.length < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4
                    && Arrays.equals(bytes, i + 30, i + 30 + name.length, name, 0, name.length)) {
                return i + 30 + name.length + (bytes[i + 28] & 0xff | (bytes[i + 29] & 0xff) << 8);
            }
        }
        throw new IllegalStateException("no local header for " + entryName);
    }

    /** 2 GiB of zeros deflated into a few MB: refused from the archive's directory, before a byte is inflated. */
    private static Path zipBomb() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        if (!Files.exists(bomb)) {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
                zip.setLevel(Deflater.BEST_SPEED);
                zip.putNextEntry(new ZipEntry("Region_2030_Export.txt"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 2048; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        }
        assertThat(Files.size(bomb)).isLessThan(20L << 20);
        return bomb;
    }

    /** 1 MiB of data lines whose directory entry claims 100 bytes: a forged ZIP that the ratio check cannot see. */
    private static Path forgedSize() throws IOException {
        Path forged = zip("forged.zip", Map.of("Region_2030_Export.txt", utf8((GOOD_1 + "\r\n").repeat(30_000))));
        byte[] bytes = Files.readAllBytes(forged);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = bytes.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x02014b50) { // central directory header: uncompressed size at +24
                b.putInt(i + 24, 100);
                break;
            }
        }
        return Files.write(forged, bytes);
    }
}
