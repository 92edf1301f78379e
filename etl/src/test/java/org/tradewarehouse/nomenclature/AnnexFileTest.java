package org.tradewarehouse.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradewarehouse.nomenclature.AnnexFile.DepartementLabel;
import org.tradewarehouse.nomenclature.AnnexFile.Kind;
import org.tradewarehouse.nomenclature.AnnexFile.Label;

class AnnexFileTest {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void decodesWindows1252IncludingCharactersOutsideLatin1() {
        // € (0x80) and ’ (0x92) exist in Windows-1252 only, so ISO-8859-1 would get them wrong
        byte[] bytes = "0101;Crème brûlée façon maître, l’été à 5 €;201501;999912\r\n"
                .getBytes(Charset.forName("windows-1252"));

        assertThat(bytes).contains((byte) 0x80, (byte) 0x92);
        assertThat(labels(bytes, "Libelle_CPF4_rev2.1.txt"))
                .containsExactly(new Label("0101", "Crème brûlée façon maître, l’été à 5 €", 201501, 999912));
    }

    @Test
    void stripsUtf8BomAndAcceptsCrlfLfAndBlankLines() {
        byte[] bytes = concat(UTF8_BOM, utf8("Z01Z;Produits de l’étang;201001;999912\r\n"
                + "Z02Z;Tourbe;201001;999912\n"
                + "\r\n"
                + "   \n"
                + "Z03A;Pâtes à façon;201001;201412")); // last line without line end

        assertThat(labels(bytes, "Libelle_A129.txt")).containsExactly(
                new Label("Z01Z", "Produits de l’étang", 201001, 999912),
                new Label("Z02Z", "Tourbe", 201001, 999912),
                new Label("Z03A", "Pâtes à façon", 201001, 201412));
    }

    @Test
    void readsUtf8WithoutBom() {
        assertThat(labels(utf8("ZA;Île imaginée;199306;999912\r\n"), "Libelle_PAYS.txt"))
                .containsExactly(new Label("ZA", "Île imaginée", 199306, 999912));
    }

    @Test
    void honoursDoubleQuotedLabelsAndTrims() {
        byte[] bytes = utf8("Z26E;\"Mesure ; horlogerie\";201001;999912\r\n"
                + "Z32C;\"Jeux dits \"\"de société\"\" ; divers\";201001;999912\r\n"
                + " 0899 ;  Sel de table  ; 201501 ;999912\r\n"
                + "9999;\"\";201501;999912\r\n");

        assertThat(labels(bytes, "Libelle_A129.txt")).containsExactly(
                new Label("Z26E", "Mesure ; horlogerie", 201001, 999912),
                new Label("Z32C", "Jeux dits \"de société\" ; divers", 201001, 999912),
                new Label("0899", "Sel de table", 201501, 999912),
                new Label("9999", "", 201501, 999912));
    }

    @Test
    void wrongFieldCountNamesFileAndPhysicalLine() {
        byte[] bytes = utf8("ZB;Pays de test;190001;999912\r\n\r\nZC;Pays\r\n");

        assertThatThrownBy(() -> labels(bytes, "Libelle_PAYS.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_PAYS.txt line 3: expected 4 fields separated by ';', found 2");
    }

    @Test
    void unquotedSemicolonInLabelIsAFieldCountError() {
        assertThatThrownBy(() -> labels(utf8("0899;Sel ; eau;201501;999912\n"), "Libelle_CPF4_rev2.1.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_CPF4_rev2.1.txt line 1: expected 4 fields separated by ';', found 5");
    }

    @Test
    void badPeriodsAreReported() {
        assertThatThrownBy(() -> labels(utf8("Z01Z;Produits;2009-1;999912\n"), "Libelle_A129.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_A129.txt line 1: Début AAAAMM is not a 6-digit AAAAMM period: '2009-1'");
        assertThatThrownBy(() -> labels(utf8("Z01Z;Produits;200901;201513\n"), "Libelle_A129.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_A129.txt line 1: Fin AAAAMM has no month 13: '201513'");
        assertThatThrownBy(() -> labels(utf8("Z01Z;Produits;201001;200912\n"), "Libelle_A129.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_A129.txt line 1: Début AAAAMM 201001 is after Fin AAAAMM 200912");
    }

    @Test
    void badQuotingAndEmptyCodesAreReported() {
        assertThatThrownBy(() -> labels(utf8("Z26E;\"Mesure ; horlogerie;200901;999912\n"), "Libelle_A129.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_A129.txt line 1: unterminated double-quoted field");
        assertThatThrownBy(() -> labels(utf8("Z26E;\"Mesure\" x;200901;999912\n"), "Libelle_A129.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_A129.txt line 1: unexpected text after closing double quote at column 14");
        assertThatThrownBy(() -> labels(utf8(" ;Sans code;200901;999912\n"), "Libelle_A129.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Libelle_A129.txt line 1: empty code");
    }

    @Test
    void readsDepartementsWithFourOrSixFields() {
        byte[] bytes = utf8("X1;Val-d'Essai;T1;Région d'essai\r\n"
                + "X2;Île-de-Test;T2;Outre-mer d'essai;201601;999912\r\n");

        assertThat(AnnexFile.readDepartements(new ByteArrayInputStream(bytes), "Departement_region.txt"))
                .containsExactly(
                        new DepartementLabel("X1", "Val-d'Essai", "T1", "Région d'essai"),
                        new DepartementLabel("X2", "Île-de-Test", "T2", "Outre-mer d'essai"));
    }

    @Test
    void departementLineWithFiveFieldsIsRejected() {
        byte[] bytes = utf8("X1;Val-d'Essai;T1;Région d'essai;201601\r\n");

        assertThatThrownBy(() -> AnnexFile.readDepartements(new ByteArrayInputStream(bytes), "Departement_region.txt"))
                .isInstanceOf(AnnexFormatException.class)
                .hasMessage("Departement_region.txt line 1: expected 4 (or 6) fields separated by ';', found 5");
    }

    @Test
    void recognisesAnnexFileNames() {
        assertThat(Kind.ofFileName("Regional-2024-export/Libelle_CPF4_rev2.1.txt")).contains(Kind.CPF4);
        assertThat(Kind.ofFileName("LIBELLE_A129.TXT")).contains(Kind.A129);
        assertThat(Kind.ofFileName("libelle_pays.txt")).contains(Kind.PAYS);
        assertThat(Kind.ofFileName("annexes\\Departement_region.txt")).contains(Kind.DEPARTEMENT_REGION);
        assertThat(Kind.ofFileName("Regional-2024-export/Region_2024_Export.txt")).isEmpty();
        assertThat(Kind.ofFileName("LISEZ-MOI.txt")).isEmpty();
        assertThat(Kind.ofFileName("old/Libelle_PAYS.txt/readme.txt")).isEmpty();
    }

    private static List<Label> labels(byte[] bytes, String fileName) {
        return AnnexFile.readLabels(new ByteArrayInputStream(bytes), fileName);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
