package org.tradewarehouse.nomenclature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NA 2008 aggregation levels above a CPF4 product (A88 down to A10). They depend only on the
 * NAF division, i.e. the first two digits of the CPF rév. 2.1 code, so one row per division in
 * {@value #RESOURCE} is enough.
 */
public final class Na2008 {

    static final String RESOURCE = "nomenclature/na2008-divisions.csv";
    private static final int COLUMNS = 12;

    /** The levels of one NAF division; the A88 code is the division itself, A21 the NAF section. */
    public record Levels(String a88, String a88Label, String a64, String a64Label, String a38, String a38Label,
                         String a21, String a21Label, String a17, String a17Label, String a10, String a10Label) {
    }

    private final Map<String, Levels> byDivision;

    private Na2008(Map<String, Levels> byDivision) {
        this.byDivision = Map.copyOf(byDivision);
    }

    public static Na2008 load() {
        try (InputStream in = Na2008.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Na2008 parse(InputStream in) {
        List<DelimitedText.Line> lines = DelimitedText.read(in, RESOURCE);
        Map<String, Levels> byDivision = new HashMap<>();
        for (DelimitedText.Line line : lines.subList(1, lines.size())) { // first line is the header
            List<String> f = line.fields().stream().map(String::trim).toList();
            if (f.size() != COLUMNS) {
                throw new AnnexFormatException(RESOURCE, line.number(),
                        "expected " + COLUMNS + " fields separated by ';', found " + f.size());
            }
            Levels levels = new Levels(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
                    f.get(6), f.get(7), f.get(8), f.get(9), f.get(10), f.get(11));
            if (byDivision.put(levels.a88(), levels) != null) {
                throw new AnnexFormatException(RESOURCE, line.number(), "duplicate division " + levels.a88());
            }
        }
        return new Na2008(byDivision);
    }

    /** Empty for a code that is not 4 characters long or whose division is not in NAF rév. 2. */
    public Optional<Levels> forCpf4(String cpf4) {
        String code = cpf4.trim();
        if (code.length() != 4) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDivision.get(code.substring(0, 2)));
    }
}
