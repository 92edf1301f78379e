package org.tradewarehouse.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tradewarehouse.nomenclature.AnnexFile.DepartementLabel;
import org.tradewarehouse.nomenclature.AnnexFile.Kind;
import org.tradewarehouse.nomenclature.AnnexFile.Label;
import org.tradewarehouse.nomenclature.Territories.RegionRef;

/**
 * Checks the project's own tables against the reference files of the shared folder, read at run
 * time only: {@code mvn test -Dtrade.shared.dir=/abs/path/to/shared}. Without the property it is skipped.
 */
@EnabledIfSystemProperty(named = "trade.shared.dir", matches = ".+")
class SharedReferenceCheckTest {

    private static final List<String> LEVEL_COLUMNS = List.of("a88", "a88_libelle", "a64", "a64_libelle",
            "a38", "a38_libelle", "a21", "a21_libelle", "a17", "a17_libelle", "a10", "a10_libelle");

    /**
     * Where the reference is wrong, keyed "division column": it gives A64 HZ3 (division 51) the label
     * of G45; INSEE's label for HZ3 is "Transports aériens".
     */
    private static final Map<String, String> REFERENCE_ERRATA = Map.of("51 a64_libelle", "Transports aériens");

    private final Path shared = Path.of(System.getProperty("trade.shared.dir"));

    @Test
    void na2008AgreesWithTheReferenceForEveryCpf4() {
        Na2008 na2008 = Na2008.load();
        List<DelimitedText.Line> rows = readCsv(shared.resolve("data/cpf4_na2008_hierarchy.csv"));
        List<String> header = rows.get(0).fields();
        int first = header.indexOf("a88");
        assertThat(header.subList(first, header.size())).isEqualTo(LEVEL_COLUMNS);

        List<String> mismatches = new ArrayList<>();
        for (DelimitedText.Line row : rows.subList(1, rows.size())) {
            String cpf4 = row.fields().get(0);
            Optional<Na2008.Levels> levels = na2008.forCpf4(cpf4);
            if (levels.isEmpty()) {
                mismatches.add(cpf4 + ": no NA 2008 levels");
                continue;
            }
            List<String> mine = values(levels.get());
            for (int i = 0; i < LEVEL_COLUMNS.size(); i++) {
                String column = LEVEL_COLUMNS.get(i);
                String reference = row.fields().get(first + i);
                String expected = REFERENCE_ERRATA.getOrDefault(cpf4.substring(0, 2) + " " + column, reference);
                if (!expected.equals(mine.get(i))) {
                    mismatches.add(cpf4 + " " + column + ": reference '" + reference + "', mine '" + mine.get(i) + "'");
                }
            }
        }
        assertThat(rows).hasSize(577);
        assertThat(mismatches).as("CPF4 rows where Na2008 differs from the reference").isEmpty();
    }

    @Test
    void territoriesAgreeWithTheReferenceAndTheAnnex() {
        List<DelimitedText.Line> rows = readCsv(shared.resolve("data/dgddi_dep_region_to_insee.csv"));
        assertThat(rows.get(0).fields()).startsWith("dgddi_dep", "dgddi_dep_libelle", "dgddi_reg",
                "dgddi_reg_libelle", "insee_dep", "insee_reg", "insee_reg_libelle");

        List<String> mismatches = new ArrayList<>();
        for (DelimitedText.Line row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            String dep = f.get(0);
            List<String> inseeDeps = f.get(4).isEmpty() ? List.of() : Arrays.asList(f.get(4).split("\\+"));
            RegionRef expected = new RegionRef(f.get(2), f.get(5), f.get(6));
            check(mismatches, dep + " INSEE départements", inseeDeps, Territories.inseeDepartements(dep));
            check(mismatches, dep + " région", Optional.of(expected), Territories.regionOfDepartement(dep));
            check(mismatches, dep + " INSEE région", Optional.of(f.get(5)), Territories.inseeRegionOfDepartement(dep));
            if (!expected.dgddiCode().equals("24")) {
                check(mismatches, "région " + f.get(2), Optional.of(expected), Territories.region(f.get(2)));
            }
        }
        List<DepartementLabel> annex = read("Departement_region.txt", AnnexFile::readDepartements);
        for (DepartementLabel d : annex) {
            check(mismatches, "annex " + d.code() + " DGDDI région", Optional.of(d.regionCode()),
                    Territories.regionOfDepartement(d.code()).map(RegionRef::dgddiCode));
        }
        assertThat(rows).hasSize(102);
        assertThat(annex).hasSize(101);
        assertThat(mismatches).as("départements where Territories differs").isEmpty();
    }

    @Test
    void parsesTheRealAnnexes() {
        List<Label> cpf4 = read("Libelle_CPF4_rev2.1.txt", AnnexFile::readLabels);
        List<Label> a129 = read("Libelle_A129.txt", AnnexFile::readLabels);
        List<Label> pays = read("Libelle_PAYS.txt", AnnexFile::readLabels);

        assertThat(cpf4).hasSize(576);
        assertThat(a129).hasSize(76);
        assertThat(pays).hasSize(289);
        assertThat(cpf4).contains(new Label("0111", "Céréales (à l'exclusion du riz), légumineuses et oléagineux", 201501, 999912));
        assertThat(a129.get(0).code()).isEqualTo("A01Z"); // BOM stripped
        assertThat(pays).contains(new Label("QU", "Pays NDA", 190001, 199912),
                new Label("QU", "Pays et territoires non déterminés", 201201, 999912),
                new Label("XK", "Kosovo", 200506, 999912), new Label("XS", "Serbie", 200506, 999912));
        Na2008 na2008 = Na2008.load();
        assertThat(cpf4).allSatisfy(l -> assertThat(na2008.forCpf4(l.code())).isPresent());

        assertThat(Kind.ofFileName("Libelle_CPF4_rev2.1.txt")).contains(Kind.CPF4);
        assertThat(Kind.ofFileName("Libelle_A129.txt")).contains(Kind.A129);
        assertThat(Kind.ofFileName("Libelle_PAYS.txt")).contains(Kind.PAYS);
        assertThat(Kind.ofFileName("Departement_region.txt")).contains(Kind.DEPARTEMENT_REGION);
    }

    private static List<String> values(Na2008.Levels l) {
        return List.of(l.a88(), l.a88Label(), l.a64(), l.a64Label(), l.a38(), l.a38Label(),
                l.a21(), l.a21Label(), l.a17(), l.a17Label(), l.a10(), l.a10Label());
    }

    private static void check(List<String> mismatches, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            mismatches.add(what + ": reference " + expected + ", mine " + actual);
        }
    }

    private List<DelimitedText.Line> readCsv(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DelimitedText.read(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> List<T> read(String annex, BiFunction<InputStream, String, List<T>> reader) {
        try (InputStream in = Files.newInputStream(shared.resolve("data/dgddi-labels").resolve(annex))) {
            return reader.apply(in, annex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
