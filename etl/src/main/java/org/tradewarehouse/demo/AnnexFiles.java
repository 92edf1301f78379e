package org.tradewarehouse.demo;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the four label annexes with the real publication's quirks: no header, ';' separators, CRLF,
 * labels holding ';' double-quoted, and one encoding per file (CPF4 in Windows-1252 although the customs
 * readme says UTF-8, A129 in UTF-8 with a BOM, the others plain UTF-8).
 */
final class AnnexFiles {

    static final String CPF4 = "Libelle_CPF4_rev2.1.txt";
    static final String A129 = "Libelle_A129.txt";
    static final String PAYS = "Libelle_PAYS.txt";
    static final String DEPARTEMENT_REGION = "Departement_region.txt";

    /** In the order they are zipped after the data file. */
    static final List<String> NAMES = List.of(CPF4, A129, PAYS, DEPARTEMENT_REGION);

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final String CRLF = "\r\n";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** CPF rev. 2.1 came into force in 2015, NA 2008 in 2009. */
    private static final int CPF_REV21_START = 201501;
    private static final int A129_START = 200901;

    private AnnexFiles() {
    }

    /** File name to bytes, in {@link #NAMES} order. */
    static Map<String, byte[]> render() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(CPF4, encodeStrict(cpf4(), WINDOWS_1252));
        files.put(A129, withBom(a129().getBytes(StandardCharsets.UTF_8)));
        files.put(PAYS, pays().getBytes(StandardCharsets.UTF_8));
        files.put(DEPARTEMENT_REGION, departementRegion().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static String cpf4() {
        StringBuilder out = new StringBuilder();
        for (SampleNomenclature.Product p : SampleNomenclature.PRODUCTS) {
            line(out, p.cpf4(), p.label(), String.valueOf(CPF_REV21_START), String.valueOf(SampleNomenclature.OPEN_END));
        }
        return out.toString();
    }

    private static String a129() {
        StringBuilder out = new StringBuilder();
        for (SampleNomenclature.A129Group g : SampleNomenclature.A129_GROUPS) {
            line(out, g.code(), g.label(), String.valueOf(A129_START), String.valueOf(SampleNomenclature.OPEN_END));
        }
        return out.toString();
    }

    private static String pays() {
        StringBuilder out = new StringBuilder();
        for (SampleNomenclature.Country c : SampleNomenclature.COUNTRIES) {
            line(out, c.code(), c.label(), String.valueOf(c.from()), String.valueOf(c.to()));
        }
        return out.toString();
    }

    /** Four fields, although the customs readme announces six. */
    private static String departementRegion() {
        StringBuilder out = new StringBuilder();
        for (SampleNomenclature.Departement d : SampleNomenclature.DEPARTEMENTS) {
            line(out, d.code(), d.label(), d.regionCode(), d.regionLabel());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            out.append(quoteIfNeeded(fields[i]));
        }
        out.append(CRLF);
    }

    static String quoteIfNeeded(String field) {
        if (field.indexOf(';') < 0 && field.indexOf('"') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Fails rather than writing '?' if a hand-written label has a character that Windows-1252 lacks. */
    private static byte[] encodeStrict(String text, Charset charset) {
        try {
            ByteBuffer bytes = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("label not encodable in " + charset, e);
        }
    }

    private static byte[] withBom(byte[] body) {
        byte[] out = new byte[UTF8_BOM.length + body.length];
        System.arraycopy(UTF8_BOM, 0, out, 0, UTF8_BOM.length);
        System.arraycopy(body, 0, out, UTF8_BOM.length, body.length);
        return out;
    }
}
