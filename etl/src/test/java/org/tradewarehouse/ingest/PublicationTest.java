package org.tradewarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewarehouse.nomenclature.AnnexFile.Kind;

class PublicationTest {

    private static final String LAYOUT =
            "Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code Pays;Valeur;Masse";
    private static final String DATA = "E;3;2024;87;09;C21Z;2120;BE;406473;1210935\r\n"
            + "E;4;2024;9A;24;A01Z;0111;QU;12;0\r\n";
    private static final String EXPORT_ENTRY = "Regional-2024-export/Region_2024_Export.txt";

    @TempDir
    Path dir;

    // ---- refused inputs ----

    @Test
    void missingFile() {
        assertRefused(List.of(dir.resolve("202412_regional_2024_export.zip")),
                "202412_regional_2024_export.zip: no such readable file");
    }

    @Test
    void directoryIsNotAReadableFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("Regional-2024-export"));

        assertRefused(List.of(folder), "Regional-2024-export: no such readable file");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("202412_regional_2024_export.zip"), new byte[0]);

        assertRefused(List.of(empty), "202412_regional_2024_export.zip: the file is empty");
    }

    @Test
    void emptyBareTextFile() throws IOException {
        Path empty = Files.write(dir.resolve("Region_2024_Export.txt"), new byte[0]);

        assertRefused(List.of(empty), "Region_2024_Export.txt: the file is empty");
    }

    @Test
    void zipWithoutRegionalDataFileListsWhatItHolds() throws IOException {
        Path zip = zip("202412_regional_2024_export.zip", entries(
                "Regional-2024-export/", "",
                "Regional-2024-export/Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n",
                "Regional-2024-export/LISEZ-MOI.txt", "Lisez-moi\r\n",
                "Regional-2024-export/notes.pdf", "%PDF-1.4"));

        assertRefused(List.of(zip), "202412_regional_2024_export.zip: no regional data file in this ZIP"
                + " (found only: Regional-2024-export/LISEZ-MOI.txt, Regional-2024-export/notes.pdf)");
    }

    @Test
    void zipWithOnlyAnnexes() throws IOException {
        Path zip = zip("labels.zip", entries(
                "Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n",
                "Libelle_A129.txt", "C21Z;Produits pharmaceutiques;201501;999912\r\n"));

        assertRefused(List.of(zip), "labels.zip: no regional data file in this ZIP");
    }

    @Test
    void zipWithNoEntryAtAll() throws IOException {
        Path zip = zip("nothing.zip", entries());

        assertRefused(List.of(zip), "nothing.zip: no regional data file in this ZIP");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] whole = zipBytes(entries(EXPORT_ENTRY, DATA.repeat(200), "Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n"));
        Path truncated = Files.write(dir.resolve("202412_regional_2024_export.zip"),
                Arrays.copyOf(whole, whole.length / 2));

        BadPublicationException e = refused(List.of(truncated));

        assertThat(e.getMessage())
                .startsWith("202412_regional_2024_export.zip: not a readable ZIP archive, truncated or corrupted (")
                .endsWith(")")
                .doesNotContain("\n");
    }

    @Test
    void fileThatOnlyLooksLikeAZip() throws IOException {
        Path fake = Files.write(dir.resolve("202412_regional_2024_import.zip"),
                "PK this is not an archive at all\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(refused(List.of(fake)).getMessage())
                .startsWith("202412_regional_2024_import.zip: not a readable ZIP archive, truncated or corrupted (")
                .doesNotContain("\n");
    }

    @Test
    void labelAnnexGivenAlone() throws IOException {
        Path annex = Files.writeString(dir.resolve("Libelle_PAYS.txt"), "BE;Belgique;199301;999912\r\n");

        assertRefused(List.of(annex),
                "Libelle_PAYS.txt: this is a label annex, not a data file; load the ZIP that holds it");
    }

    @Test
    void labelAnnexRecognisedWhateverTheCase() throws IOException {
        Path annex = Files.writeString(dir.resolve("libelle_cpf4_rev2.1.TXT"), "0111;Céréales;201501;999912\r\n");

        assertRefused(List.of(annex),
                "libelle_cpf4_rev2.1.TXT: this is a label annex, not a data file; load the ZIP that holds it");
    }

    @Test
    void bareFileOfAnotherLayout() throws IOException {
        Path other = Files.writeString(dir.resolve("Commerce_2024.txt"),
                "I;09;2018;AU;70000;1000;2\r\nI;09;2018;BE;90750;2585;7\r\n");

        assertRefused(List.of(other), "Commerce_2024.txt: not a DGDDI regional data file (its first line has 7 fields;"
                + " expected 10: " + LAYOUT + ")");
    }

    @Test
    void zipHoldingAFileOfAnotherLayoutNamesTheEntry() throws IOException {
        Path zip = zip("autre_2024.zip", entries(
                "Autre-2024/Autre_2024.txt", "a,b,c\nd,e,f\n",
                "Autre-2024/Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n"));

        assertRefused(List.of(zip), "autre_2024.zip!Autre-2024/Autre_2024.txt: not a DGDDI regional data file"
                + " (its first line has 1 fields; expected 10: " + LAYOUT + ")");
    }

    @Test
    void layoutIsJudgedOnTheFirstTwentyNonBlankLines() throws IOException {
        String titles = "Titre;du;fichier\r\n\r\n".repeat(19); // 19 non-blank lines of 3 fields, blank lines between
        Path accepted = Files.writeString(dir.resolve("Region_accepted.txt"), titles + DATA);
        Path refused = Files.writeString(dir.resolve("Region_refused.txt"), titles + "Encore;un;titre\r\n" + DATA);

        assertThat(Publication.inspect(List.of(accepted)).dataEntries()).hasSize(1);
        assertRefused(List.of(refused), "Region_refused.txt: not a DGDDI regional data file (its first line has 3"
                + " fields; expected 10: " + LAYOUT + ")");
    }

    @Test
    void emptyDataEntryInZip() throws IOException {
        Path zip = zip("202412_regional_2024_export.zip", entries(
                EXPORT_ENTRY, "",
                "Regional-2024-export/Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n"));

        assertRefused(List.of(zip),
                "202412_regional_2024_export.zip!Regional-2024-export/Region_2024_Export.txt: the data file is empty");
    }

    @Test
    void dataEntryWithOnlyBlankLines() throws IOException {
        Path zip = zip("202412_regional_2024_export.zip", entries(EXPORT_ENTRY, "\r\n  \r\n\n"));

        assertRefused(List.of(zip),
                "202412_regional_2024_export.zip!Regional-2024-export/Region_2024_Export.txt: the data file is empty");
    }

    @Test
    void bareDataFileWithOnlyBlankLines() throws IOException {
        Path blank = Files.writeString(dir.resolve("Region_2024_Export.txt"), "\r\n \t\r\n");

        assertRefused(List.of(blank), "Region_2024_Export.txt: the data file is empty");
    }

    @Test
    void theFaultyInputIsNamedAmongSeveral() throws IOException {
        Path good = zip("202412_regional_2024_export.zip", entries(EXPORT_ENTRY, DATA));
        Path bad = zip("202412_regional_2024_import.zip", entries("Regional-2024-import/LISEZ-MOI.txt", "x"));

        assertRefused(List.of(good, bad), "202412_regional_2024_import.zip: no regional data file in this ZIP"
                + " (found only: Regional-2024-import/LISEZ-MOI.txt)");
    }

    // The national file has 10 fields too (Flux;Mois;Année;CPF6;A129;NC8;Pays;Valeur;Masse;USUP): refused all the same.
    @Test
    void nationalNc8FileIsRefused() throws IOException {
        Path national = zip("national_2024_import.zip", entries(
                "National-2024-import/National_2024_Import.txt",
                "I;09;2023;292020;C20B;29202000;DE;15300;120;0\r\n"
                        + "I;11;2023;103910;C10C;20052080;ES;8250;3100;0\r\n",
                "National-2024-import/Libelle_PAYS.txt", "DE;Allemagne;199301;999912\r\n"));

        assertThatThrownBy(() -> Publication.inspect(List.of(national)))
                .isInstanceOf(BadPublicationException.class)
                .hasMessageStartingWith("national_2024_import.zip!National-2024-import/National_2024_Import.txt: ")
                .hasMessageContaining("it looks like the national file");
    }

    // ---- accepted inputs ----

    @Test
    void goodZipListsDataAndAnnexEntries() throws IOException {
        Path zip = zip("202412_regional_2024_export.zip", entries(
                "Regional-2024-export/", "",
                "Regional-2024-export/LISEZ-MOI.txt", "Lisez-moi\r\n",
                EXPORT_ENTRY, DATA,
                "Regional-2024-export/Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n",
                "Regional-2024-export/Libelle_A129.txt", "\uFEFFC21Z;Produits pharmaceutiques;201501;999912\r\n",
                "Regional-2024-export/Libelle_CPF4_rev2.1.txt", "2120;Préparations pharmaceutiques;201501;999912\r\n",
                "Regional-2024-export/Departement_region.txt", "87;Haute-Vienne;09;Nouvelle-Aquitaine\r\n",
                "Regional-2024-export/Description-des-jeux-de-donnees.txt", "Description\r\n"));

        Publication publication = Publication.inspect(List.of(zip));

        assertThat(publication.dataEntries()).containsExactly(new DataEntry(zip, EXPORT_ENTRY, DATA.length()));
        assertThat(publication.dataEntries().get(0).displayName())
                .isEqualTo("202412_regional_2024_export.zip!Regional-2024-export/Region_2024_Export.txt");
        assertThat(publication.annexEntries())
                .extracting(Publication.AnnexEntry::kind, a -> a.entry().entryName())
                .containsExactly(
                        tuple(Kind.PAYS, "Regional-2024-export/Libelle_PAYS.txt"),
                        tuple(Kind.A129, "Regional-2024-export/Libelle_A129.txt"),
                        tuple(Kind.CPF4, "Regional-2024-export/Libelle_CPF4_rev2.1.txt"),
                        tuple(Kind.DEPARTEMENT_REGION,
                                "Regional-2024-export/Departement_region.txt"));
        assertThat(publication.annexEntries()).allSatisfy(a -> assertThat(a.entry().file()).isEqualTo(zip));
        assertThat(publication.dataEntries().stream().mapToLong(DataEntry::size).sum()).isEqualTo(DATA.length());
        // entries are read as streams from the ZIP
        try (InputStream in = publication.dataEntries().get(0).open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(DATA);
        }
        assertThat(publication.dataEntries()).isUnmodifiable();
        assertThat(publication.annexEntries()).isUnmodifiable();
    }

    @Test
    void rollingPublicationWithTwoZipsKeepsTheOrderOfTheInputs() throws IOException {
        Path exports = zip("REGIONAL_CPF4PAYSE.zip", entries("REGIONAL_CPF4PAYSE.txt", DATA,
                "Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n"));
        Path imports = zip("REGIONAL_CPF4PAYSI.zip", entries("REGIONAL_CPF4PAYSI.txt", DATA.replace("E;", "I;"),
                "Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n"));

        Publication publication = Publication.inspect(List.of(exports, imports));

        assertThat(publication.dataEntries()).extracting(DataEntry::displayName)
                .containsExactly("REGIONAL_CPF4PAYSE.zip!REGIONAL_CPF4PAYSE.txt",
                        "REGIONAL_CPF4PAYSI.zip!REGIONAL_CPF4PAYSI.txt");
        assertThat(publication.annexEntries()).hasSize(2);
        assertThat(publication.dataEntries().stream().mapToLong(DataEntry::size).sum()).isEqualTo(2L * DATA.length());
    }

    @Test
    void bareDataFileIsAccepted() throws IOException {
        Path bare = Files.writeString(dir.resolve("Region_2024_Export.txt"), DATA);

        Publication publication = Publication.inspect(List.of(bare));

        assertThat(publication.dataEntries()).containsExactly(new DataEntry(bare, null, DATA.length()));
        assertThat(publication.dataEntries().get(0).displayName()).isEqualTo("Region_2024_Export.txt");
        assertThat(publication.annexEntries()).isEmpty();
    }

    @Test
    void bareDataFileWithBomAndBlankLinesFirst() throws IOException {
        Path bare = Files.writeString(dir.resolve("Region_2024_Import.txt"), "\uFEFF\r\n\r\n" + DATA);

        assertThat(Publication.inspect(List.of(bare)).dataEntries()).hasSize(1);
    }

    @Test
    void dataFileStartingWithAHeaderLineIsAccepted() throws IOException {
        // the header is then rejected line by line by the parser, not here
        Path withHeader = Files.writeString(dir.resolve("Region_2024_Export.txt"), LAYOUT + "\r\n" + DATA);
        Path withTitle = Files.writeString(dir.resolve("Region_2024_Import.txt"), "Commerce extérieur 2024\r\n" + DATA);

        Publication publication = Publication.inspect(List.of(withHeader, withTitle));

        assertThat(publication.dataEntries()).extracting(DataEntry::displayName)
                .containsExactly("Region_2024_Export.txt", "Region_2024_Import.txt");
    }

    @Test
    void zipEntryWithPathTraversalIsOnlyAName() throws IOException {
        Path work = Files.createDirectories(dir.resolve("a/b/c"));
        String evil = "../../evil/Region_2024_Export.txt";
        Path zip = zip(work, "evil.zip", entries(evil, DATA, "../Libelle_PAYS.txt", "BE;Belgique;199301;999912\r\n"));
        List<Path> before = listAll();

        Publication publication = Publication.inspect(List.of(zip));

        assertThat(publication.dataEntries()).containsExactly(new DataEntry(zip, evil, DATA.length()));
        assertThat(publication.dataEntries().get(0).displayName()).isEqualTo("evil.zip!" + evil);
        assertThat(publication.annexEntries()).extracting(a -> a.entry().entryName())
                .containsExactly("../Libelle_PAYS.txt");
        try (InputStream in = publication.dataEntries().get(0).open()) {
            assertThat(in.readAllBytes()).isEqualTo(DATA.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(listAll()).isEqualTo(before);
        assertThat(dir.resolve("a/evil")).doesNotExist();
        assertThat(work.resolve("../../evil").normalize()).doesNotExist();
    }

    // ---- helpers ----

    private static void assertRefused(List<Path> files, String message) {
        assertThat(refused(files).getMessage()).isEqualTo(message).doesNotContain("\n");
    }

    private static BadPublicationException refused(List<Path> files) {
        Throwable thrown = catchThrowable(() -> Publication.inspect(files));
        assertThat(thrown).isInstanceOf(BadPublicationException.class);
        return (BadPublicationException) thrown;
    }

    private List<Path> listAll() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    /** Name and content pairs, in order; a name ending with '/' is a folder entry. */
    private static Map<String, String> entries(String... nameThenContent) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            map.put(nameThenContent[i], nameThenContent[i + 1]);
        }
        return map;
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        return zip(dir, name, entries);
    }

    private static Path zip(Path folder, String name, Map<String, String> entries) throws IOException {
        return Files.write(folder.resolve(name), zipBytes(entries));
    }

    static byte[] zipBytes(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
