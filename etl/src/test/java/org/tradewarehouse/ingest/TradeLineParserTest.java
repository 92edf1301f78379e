package org.tradewarehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TradeLineParserTest {

    private static final String FILE = "202412_regional_2024_export.zip!Regional-2024-export/Region_2024_Export.txt";
    private static final String VALID = "E;3;2018;01;18;A01Z;0111;BE;406473;1210935";

    private final TradeLineParser parser = new TradeLineParser();

    private ParsedLine parse(String text) {
        return parser.process(new SourceLine(FILE, 42, text, text, false));
    }

    @Test
    void validLineGivesTheExactRow() {
        assertThat(parse(VALID)).isEqualTo(new ParsedLine.TradeRow('E', 3, 2018, "01", "18", "A01Z", "0111", "BE",
                406473L, 1210935L));
    }

    @Test
    void importLineWithDgddiSpecificCodesAndBoundaryAmounts() {
        // 9A = Guadeloupe, 24 = DOM; 18 digits is the largest accepted amount, 0 the smallest
        assertThat(parse("I;4;2024;9A;24;C21Z;2120;QU;999999999999999999;0")).isEqualTo(new ParsedLine.TradeRow(
                'I', 4, 2024, "9A", "24", "C21Z", "2120", "QU", 999_999_999_999_999_999L, 0L));
    }

    @Test
    void fieldsWithSurroundingSpacesAreTrimmed() {
        assertThat(parse("  E ; 3 ;\t2018 ; 01 ;18 ; A01Z ; 0111 ; BE ; 406473 ; 1210935  "))
                .isEqualTo(new ParsedLine.TradeRow('E', 3, 2018, "01", "18", "A01Z", "0111", "BE", 406473L, 1210935L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", " \t  \t"})
    void blankOrWhitespaceOnlyLineIsFilteredOut(String text) {
        assertThat(parse(text)).isNull();
    }

    @Test
    void invalidUtf8LineIsRejectedWithItsLenientRawText() {
        String raw = "E;3;2018;01;18;A01Z;0111;BE;40\uFFFD473;1210935";

        ParsedLine result = parser.process(new SourceLine(FILE, 7, null, raw, false));

        assertThat(result).isEqualTo(new ParsedLine.Rejected(FILE, 7, raw, "not valid UTF-8 text", null));
    }

    @Test
    void aLineCutAtTheLengthLimitIsRejectedAsTooLongWithItsStart() {
        String start = "E;3;2018;01;18;A01Z;0111;BE;" + "4".repeat(LineInput.MAX_LINE_BYTES - 28);

        ParsedLine result = parser.process(new SourceLine(FILE, 8, null, start, true));

        assertThat(result).isEqualTo(new ParsedLine.Rejected(FILE, 8, start,
                "longer than " + LineInput.MAX_LINE_BYTES + " bytes: not a line of the regional layout", null));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                // field count: the 9th field is carried as the value when it parses
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;406473",
                        "expected 10 fields separated by ';', found 9", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;406473;1210935;12",
                        "expected 10 fields separated by ';', found 11", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;x4;1210935;12",
                        "expected 10 fields separated by ';', found 11", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE",
                        "expected 10 fields separated by ';', found 8", null),
                Arguments.of("E,3,2018,01,18,A01Z,0111,BE,406473,1210935",
                        "expected 10 fields separated by ';', found 1", null),
                // flow
                Arguments.of("X;3;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "flow (Flux) must be E or I, found 'X'", 406473L),
                Arguments.of("e;3;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "flow (Flux) must be E or I, found 'e'", 406473L),
                Arguments.of("EI;3;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "flow (Flux) must be E or I, found 'EI'", 406473L),
                Arguments.of(";;;;;;;;;",
                        "flow (Flux) must be E or I, found ''", null),
                // quarter
                Arguments.of("E;0;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "quarter (Trimestre) must be 1 to 4, found '0'", 406473L),
                Arguments.of("E;5;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "quarter (Trimestre) must be 1 to 4, found '5'", 406473L),
                Arguments.of("E;T1;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "quarter (Trimestre) must be 1 to 4, found 'T1'", 406473L),
                Arguments.of("E;;2018;01;18;A01Z;0111;BE;406473;1210935",
                        "quarter (Trimestre) must be 1 to 4, found ''", 406473L),
                // year
                Arguments.of("E;3;abcd;01;18;A01Z;0111;BE;406473;1210935",
                        "year (Année) must be a four-digit year, found 'abcd'", 406473L),
                Arguments.of("E;3;24;01;18;A01Z;0111;BE;406473;1210935",
                        "year (Année) must be a four-digit year, found '24'", 406473L),
                Arguments.of("E;3;20245;01;18;A01Z;0111;BE;406473;1210935",
                        "year (Année) must be a four-digit year, found '20245'", 406473L),
                Arguments.of("E;3;0999;01;18;A01Z;0111;BE;406473;1210935",
                        "year (Année) must be a four-digit year, found '0999'", 406473L),
                // codes
                Arguments.of("E;3;2018;;18;A01Z;0111;BE;406473;1210935",
                        "département code is empty", 406473L),
                Arguments.of("E;3;2018;01;;A01Z;0111;BE;406473;1210935",
                        "région code is empty", 406473L),
                Arguments.of("E;3;2018;01;18;;0111;BE;406473;1210935",
                        "A129 code is empty", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;;BE;406473;1210935",
                        "CPF4 code is empty", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;0111;;406473;1210935",
                        "country code is empty", 406473L),
                Arguments.of("E;3;2018;0 1;18;A01Z;0111;BE;406473;1210935",
                        "département code has an unexpected character: '0 1'", 406473L),
                Arguments.of("E;3;2018;01;18;a01z;0111;BE;406473;1210935",
                        "A129 code has an unexpected character: 'a01z'", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;0111;Be;406473;1210935",
                        "country code has an unexpected character: 'Be'", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;01-11;BE;406473;1210935",
                        "CPF4 code has an unexpected character: '01-11'", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;012345678;BE;406473;1210935",
                        "CPF4 code is too long: '012345678'", 406473L),
                Arguments.of("E;3;2018;01;1234567890;A01Z;0111;BE;406473;1210935",
                        "région code is too long: '1234567890'", 406473L),
                // value
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;-5;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found '-5'", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;12.5;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found '12.5'", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;12,5;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found '12,5'", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;1 000;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found '1 000'", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found ''", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;+5;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found '+5'", null),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;1234567890123456789;1210935",
                        "value (Valeur) must be a whole number of euros, 0 or more, found '1234567890123456789'", null),
                // mass
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;406473;abc",
                        "mass (Masse) must be a whole number of kilograms, 0 or more, found 'abc'", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;406473;",
                        "mass (Masse) must be a whole number of kilograms, 0 or more, found ''", 406473L),
                Arguments.of("E;3;2018;01;18;A01Z;0111;BE;406473;-1",
                        "mass (Masse) must be a whole number of kilograms, 0 or more, found '-1'", 406473L));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("rejections")
    void invalidLineIsRejectedWithItsReasonAndValue(String text, String reason, Long valueEur) {
        assertThat(parse(text)).isEqualTo(new ParsedLine.Rejected(FILE, 42, text, reason, valueEur));
    }

    @Test
    void firstFailingCheckGivesTheReason() {
        // flow, quarter and value are all wrong: the flow is reported, the value still carried as null
        assertThat(parse("X;9;2018;01;18;A01Z;0111;BE;-5;1210935"))
                .isInstanceOfSatisfying(ParsedLine.Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo("flow (Flux) must be E or I, found 'X'");
                    assertThat(r.valueEur()).isNull();
                });
    }

    @Test
    void rejectedReasonQuotesTrimmedFieldAndKeepsRawLine() {
        String text = "E; T1 ;2018;01;18;A01Z;0111;BE;406473;1210935";

        assertThat(parse(text)).isEqualTo(new ParsedLine.Rejected(FILE, 42, text,
                "quarter (Trimestre) must be 1 to 4, found 'T1'", 406473L));
    }

    @Test
    void headerLineIsRejectedNotSkipped() {
        String header = "Flux;Trimestre;Année;Code département;Code région;Code A129;Code CPF4;Code Pays;Valeur;Masse";

        assertThat(parse(header)).isEqualTo(new ParsedLine.Rejected(FILE, 42, header,
                "flow (Flux) must be E or I, found 'Flux'", null));
    }
}
