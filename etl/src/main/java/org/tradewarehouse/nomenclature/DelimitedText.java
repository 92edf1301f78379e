package org.tradewarehouse.nomenclature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ';'-separated text shared by the customs annexes and the project's own nomenclature resources:
 * encoding guessed from the bytes, CRLF/LF line ends, blank lines skipped, double-quoted fields.
 */
final class DelimitedText {

    /** A non-blank line with its 1-based number in the file, for error messages. */
    record Line(int number, List<String> fields) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private DelimitedText() {
    }

    static List<Line> read(InputStream in, String fileName) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
        String[] physicalLines = decode(bytes).split("\n", -1);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < physicalLines.length; i++) {
            String text = physicalLines[i].endsWith("\r")
                    ? physicalLines[i].substring(0, physicalLines[i].length() - 1)
                    : physicalLines[i];
            if (!text.isBlank()) {
                lines.add(new Line(i + 1, split(text, fileName, i + 1)));
            }
        }
        return lines;
    }

    /**
     * UTF-8 (BOM stripped) when the bytes are valid UTF-8, else Windows-1252: the customs ship
     * Libelle_CPF4 in Windows-1252 although their readme says UTF-8, and Latin text in Windows-1252
     * is practically never valid UTF-8.
     */
    static String decode(byte[] bytes) {
        int start = hasUtf8Bom(bytes) ? 3 : 0;
        ByteBuffer content = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(content)
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, start, bytes.length - start, WINDOWS_1252);
        }
    }

    private static boolean hasUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    /** Splits on ';'; a field starting with '"' runs to the next lone '"' and may hold ';' and "" (one quote). */
    static List<String> split(String line, String fileName, int lineNumber) {
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (pos < line.length() && line.charAt(pos) == '"') {
                pos++;
                while (true) {
                    if (pos >= line.length()) {
                        throw new AnnexFormatException(fileName, lineNumber, "unterminated double-quoted field");
                    }
                    char c = line.charAt(pos++);
                    if (c != '"') {
                        field.append(c);
                    } else if (pos < line.length() && line.charAt(pos) == '"') {
                        field.append('"');
                        pos++;
                    } else {
                        break;
                    }
                }
                if (pos < line.length() && line.charAt(pos) != ';') {
                    throw new AnnexFormatException(fileName, lineNumber,
                            "unexpected text after closing double quote at column " + (pos + 1));
                }
            } else {
                int end = line.indexOf(';', pos);
                end = end < 0 ? line.length() : end;
                field.append(line, pos, end);
                pos = end;
            }
            fields.add(field.toString());
            if (pos >= line.length()) {
                return fields;
            }
            pos++; // the ';'
        }
    }
}
