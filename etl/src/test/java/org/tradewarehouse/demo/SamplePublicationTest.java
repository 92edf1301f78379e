package org.tradewarehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-reads the written ZIPs with java.util.zip only and checks them against the customs format. */
class SamplePublicationTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final List<String> ANNEXES = List.of(
            "Libelle_CPF4_rev2.1.txt", "Libelle_A129.txt", "Libelle_PAYS.txt", "Departement_region.txt");

    @TempDir
    static Path dir;
    static SamplePublication.Result result;
    /** Every data line of every ZIP, as read back from the bytes. */
    static List<String[]> rows;

    @BeforeAll
    static void writeDefaults() throws IOException {
        result = SamplePublication.write(dir, SamplePublication.Options.defaults());
        rows = new ArrayList<>();
        for (Path zip : result.zips()) {
            Map<String, byte[]> entries = readZip(zip);
            String dataName = entries.keySet().iterator().next();
            for (String line : crlfLines(strictUtf8(entries.get(dataName)))) {
                rows.add(line.split(";", -1));
            }
        }
    }

    @Test
    void writesOneZipPerYearAndFlowWithTheRealLayout() throws IOException {
        assertThat(result.zips()).extracting(p -> p.getFileName().toString()).containsExactly(
                "202312_regional_2023_export.zip", "202312_regional_2023_import.zip",
                "202412_regional_2024_export.zip", "202412_regional_2024_import.zip");
        assertThat(readZip(dir.resolve("202412_regional_2024_export.zip")).keySet()).containsExactly(
                "Regional-2024-export/Region_2024_Export.txt",
                "Regional-2024-export/Libelle_CPF4_rev2.1.txt",
                "Regional-2024-export/Libelle_A129.txt",
                "Regional-2024-export/Libelle_PAYS.txt",
                "Regional-2024-export/Departement_region.txt");
        assertThat(readZip(dir.resolve("202312_regional_2023_import.zip")).keySet()).containsExactly(
                "Regional-2023-import/Region_2023_Import.txt",
                "Regional-2023-import/Libelle_CPF4_rev2.1.txt",
                "Regional-2023-import/Libelle_A129.txt",
                "Regional-2023-import/Libelle_PAYS.txt",
                "Regional-2023-import/Departement_region.txt");
        assertThat(SamplePublication.dataEntryName(2024, "I")).isEqualTo("Regional-2024-import/Region_2024_Import.txt");
    }

    @Test
    void dataFilesAreHeaderlessUtf8CrlfWithTenFields() throws IOException {
        for (Path zip : result.zips()) {
            String name = zip.getFileName().toString();
            String flow = name.endsWith("_export.zip") ? "E" : "I";
            String year = name.substring(0, 4);
            byte[] data = readZip(zip).values().iterator().next();
            assertThat(data).as("no BOM").startsWith((byte) flow.charAt(0), (byte) ';');
            List<String> lines = crlfLines(strictUtf8(data));
            assertThat(lines).as(name + ": about 6 000 rows").hasSizeBetween(4_800, 7_200);
            for (String line : lines) {
                String[] f = line.split(";", -1);
                assertThat(f).as(line).hasSize(10);
                assertThat(f[0]).isEqualTo(flow);
                assertThat(f[1]).isIn("1", "2", "3", "4");
                assertThat(f[2]).isEqualTo(year);
                assertThat(f[3]).matches("[0-9][0-9A-E]");
                assertThat(f[4]).matches("\\d\\d");
                assertThat(f[5]).matches("[A-Z]\\d\\d[A-Z]");
                assertThat(f[6]).matches("\\d{4}");
                assertThat(f[7]).matches("[A-Z]{2}");
                // positive integers only: the first line being numeric here is also what "no header" means
                assertThat(f[8]).matches("[1-9]\\d*");
                assertThat(f[9]).matches("[1-9]\\d*");
            }
        }
    }

    @Test
    void cpf4AnnexIsWindows1252WithQuotedSemicolonLabel() throws IOException {
        byte[] bytes = annex("Libelle_CPF4_rev2.1.txt");
        assertThatThrownBy(() -> strictUtf8(bytes)).isInstanceOf(CharacterCodingException.class);
        String text = new String(bytes, WINDOWS_1252);
        List<String> lines = crlfLines(text);
        assertThat(lines).contains(
                "2120;Préparations pharmaceutiques et médicaments;201501;999912",
                "2211;\"Pneumatiques ; rechapage et resculptage de pneumatiques\";201501;999912");
        // 'œ' is 0x9C in Windows-1252 and absent from ISO-8859-1
        assertThat(text).contains("œufs");
        assertThat(lines).allSatisfy(l -> assertThat(splitQuoted(l)).hasSize(4));
        assertThat(lines.stream().map(l -> splitQuoted(l).get(0)).distinct().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void a129AnnexIsUtf8WithBom() throws IOException {
        byte[] bytes = annex("Libelle_A129.txt");
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = crlfLines(strictUtf8(bytes).substring(1));
        assertThat(lines).first().asString().startsWith("A01Z;");
        assertThat(lines).contains("C21Z;Produits pharmaceutiques;200901;999912");
        assertThat(lines).allSatisfy(l -> assertThat(splitQuoted(l)).hasSize(4));
    }

    @Test
    void paysAnnexGivesQuTwiceWithDifferentPeriods() throws IOException {
        List<String> lines = crlfLines(strictUtf8(annex("Libelle_PAYS.txt")));
        assertThat(lines).filteredOn(l -> l.startsWith("QU;")).containsExactly(
                "QU;Pays NDA;190001;199912",
                "QU;Pays et territoires non déterminés;201201;999912");
        assertThat(lines).contains("US;États-Unis;190001;999912");
    }

    @Test
    void departementAnnexHasFourFieldsWithDgddiRegions() throws IOException {
        List<String> lines = crlfLines(strictUtf8(annex("Departement_region.txt")));
        assertThat(lines).contains(
                "87;Haute-Vienne;09;Nouvelle-Aquitaine",
                "33;Gironde;09;Nouvelle-Aquitaine",
                "75;Paris;03;Ile-de-France",
                "20;Corse;22;Corse",
                "9A;Guadeloupe;24;DOM",
                "99;Principauté de Monaco;21;Provence-Alpes-Côte d'Azur",
                "13;Bouches-du-Rhône;21;Provence-Alpes-Côte d'Azur");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(";", -1)).hasSize(4));
    }

    @Test
    void everyDataCodeIsInTheAnnexes() throws IOException {
        Map<String, String> depRegion = new HashMap<>();
        for (String l : crlfLines(strictUtf8(annex("Departement_region.txt")))) {
            depRegion.put(l.split(";")[0], l.split(";")[2]);
        }
        Set<String> cpf4 = firstFields(new String(annex("Libelle_CPF4_rev2.1.txt"), WINDOWS_1252));
        Set<String> a129 = firstFields(strictUtf8(annex("Libelle_A129.txt")).substring(1));
        Set<String> pays = firstFields(strictUtf8(annex("Libelle_PAYS.txt")));
        for (String[] f : rows) {
            assertThat(depRegion).containsEntry(f[3], f[4]);
            assertThat(a129).contains(f[5]);
            assertThat(cpf4).contains(f[6]);
            assertThat(pays).contains(f[7]);
        }
    }

    @Test
    void totalsRecomputedFromRawLinesMatchResult() {
        Map<String, Long> recomputed = new HashMap<>();
        for (String[] f : rows) {
            String prefix = f[0] + ":" + f[2] + ":";
            long value = Long.parseLong(f[8]);
            recomputed.merge(prefix + "fr", value, Long::sum);
            recomputed.merge(prefix + "dep:" + f[3], value, Long::sum);
            recomputed.merge(prefix + "reg:" + f[4], value, Long::sum);
        }
        assertThat(result.totalsEur()).isEqualTo(recomputed);
        assertThat(result.totalsEur()).containsKeys("E:2024:fr", "E:2024:dep:87", "E:2024:reg:09", "I:2023:dep:33");
    }

    @Test
    void calibratedOnThePublishedHauteViennesFicheOf2024() {
        // from the published fiche: département, région (Nouvelle-Aquitaine, DGDDI 09), France, in M€
        Map<String, String[]> published = Map.of("E", new String[] {"1109.1", "26635.6", "580354.5", "4.2", "0.19"},
                "I", new String[] {"755.9", "27634.2", "684776.3", "2.7", "0.11"});
        published.forEach((flow, figures) -> {
            long dep = 0;
            long region = 0;
            long france = 0;
            for (String[] f : rows) {
                if (f[0].equals(flow) && f[2].equals("2024")) {
                    long value = Long.parseLong(f[8]);
                    france += value;
                    region += f[4].equals("09") ? value : 0;
                    dep += f[3].equals("87") ? value : 0;
                }
            }
            assertThat(new long[] {dep, region, france}).as(flow).containsExactly(
                    new java.math.BigDecimal(figures[0]).movePointRight(6).longValueExact(),
                    new java.math.BigDecimal(figures[1]).movePointRight(6).longValueExact(),
                    new java.math.BigDecimal(figures[2]).movePointRight(6).longValueExact());
            assertThat(percent(dep, region, 1)).as(flow + " share of the région").isEqualTo(figures[3]);
            assertThat(percent(dep, france, 2)).as(flow + " share of France").isEqualTo(figures[4]);
        });
        // 2023 is scaled alike: the change from one year to the next stays within what the draw gives (a few %)
        long e2023 = result.totalsEur().get("E:2023:dep:87");
        assertThat((double) e2023 / 1_109_100_000L).isBetween(0.7, 1.3);
    }

    private static String percent(long part, long whole, int decimals) {
        return java.math.BigDecimal.valueOf(part).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(whole), decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void noTwoRowsShareFlowQuarterYearDepartementCpf4AndCountry() {
        Set<String> keys = new HashSet<>();
        for (String[] f : rows) {
            String key = String.join(";", f[0], f[1], f[2], f[3], f[6], f[7]);
            assertThat(keys.add(key)).as("duplicate " + key).isTrue();
        }
    }

    @Test
    void hauteVienneExports2024HaveRankingDepth() {
        List<String[]> hv = rows.stream().filter(f -> f[0].equals("E") && f[2].equals("2024") && f[3].equals("87")).toList();
        assertThat(hv.stream().map(f -> f[6]).distinct().count()).isGreaterThanOrEqualTo(12);
        assertThat(hv.stream().map(f -> f[7]).distinct().count()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void valuesAreHeavyTailed() {
        long[] values = rows.stream().filter(f -> f[0].equals("E") && f[2].equals("2024"))
                .mapToLong(f -> Long.parseLong(f[8])).sorted().toArray();
        long total = Arrays.stream(values).sum();
        long top = Arrays.stream(values, values.length - values.length / 10, values.length).sum();
        assertThat(top).as("top 10 % of rows").isGreaterThan(total / 2);
        assertThat(values[values.length - 1]).isGreaterThan(values[values.length / 2] * 1_000);
    }

    @Test
    void secondYearDiffersFromFirst() {
        Map<String, Long> t = result.totalsEur();
        assertThat(t.get("E:2024:dep:87")).isNotEqualTo(t.get("E:2023:dep:87"));
        assertThat(t.get("I:2024:fr")).isNotEqualTo(t.get("I:2023:fr"));
    }

    @Test
    void sameSeedGivesByteIdenticalZips(@TempDir Path again) throws IOException {
        SamplePublication.Result second = SamplePublication.write(again, SamplePublication.Options.defaults());
        assertThat(second.totalsEur()).isEqualTo(result.totalsEur());
        for (int i = 0; i < result.zips().size(); i++) {
            Path a = result.zips().get(i);
            Path b = second.zips().get(i);
            Map<String, byte[]> ea = readZip(a);
            Map<String, byte[]> eb = readZip(b);
            assertThat(eb.keySet()).containsExactlyElementsOf(ea.keySet());
            ea.forEach((name, bytes) -> assertThat(eb.get(name)).as(name).isEqualTo(bytes));
            assertThat(Files.mismatch(a, b)).as("whole ZIP " + a.getFileName()).isEqualTo(-1L);
        }
    }

    @Test
    void anotherSeedGivesOtherData(@TempDir Path other) throws IOException {
        SamplePublication.Options options = new SamplePublication.Options(2024, 2024, 7L, 500);
        Path zip = SamplePublication.write(other, options).zips().get(0);
        String dataName = "Regional-2024-export/Region_2024_Export.txt";
        byte[] mine = readZip(zip).get(dataName);
        assertThat(mine).isNotEqualTo(readZip(dir.resolve("202412_regional_2024_export.zip")).get(dataName));
        assertThat(crlfLines(strictUtf8(mine))).hasSizeBetween(400, 600);
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new SamplePublication.Options(2024, 2023, 1L, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplePublication.Options(2023, 2024, 1L, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- reading helpers: java.util.zip and plain string handling only ---

    private static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] annex(String name) throws IOException {
        Map<String, byte[]> entries = readZip(dir.resolve("202412_regional_2024_export.zip"));
        assertThat(ANNEXES).contains(name);
        return entries.get("Regional-2024-export/" + name);
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Lines of a text that must end every line, the last included, with CRLF and have no bare CR or LF. */
    private static List<String> crlfLines(String text) {
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }

    private static Set<String> firstFields(String text) {
        Set<String> codes = new HashSet<>();
        for (String l : crlfLines(text)) {
            codes.add(splitQuoted(l).get(0));
        }
        return codes;
    }

    /** ';'-split that keeps a double-quoted field whole. */
    private static List<String> splitQuoted(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ';' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
