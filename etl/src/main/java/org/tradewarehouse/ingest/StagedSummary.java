package org.tradewarehouse.ingest;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the staging step has written so far: the codes each dimension will need and the rows and euros of each
 * (quarter, flow) slice. Saved in the step's execution context with every chunk, so it always matches the staged
 * rows, also after a restart, and the publish step never has to scan staging to learn it.
 */
final class StagedSummary {

    private static final String KEY = "staged.summary";

    /** département code -> région code as the rows give it */
    final Map<String, String> departements = new HashMap<>();
    /** CPF4 -> A129 as the rows give it */
    final Map<String, String> products = new HashMap<>();
    final Map<String, Boolean> countries = new HashMap<>();
    /** "E20241" -> {rows, euros} */
    final Map<String, long[]> slices = new TreeMap<>();

    /** flow -> time spent reading and staging its rows, in nanoseconds, summed over restarts */
    final Map<Character, Long> stagingNanos = new TreeMap<>();

    /** The slices by flow and time key, so that a row finds its slice without building the key string. */
    private final Map<Integer, long[]> slicesByKey = new HashMap<>();

    void add(ParsedLine.TradeRow r) {
        departements.putIfAbsent(r.depCode(), r.regionCode());
        products.putIfAbsent(r.cpf4(), r.a129());
        countries.putIfAbsent(r.country(), Boolean.TRUE);
        int timeKey = r.year() * 10 + r.quarter();
        long[] slice = slicesByKey.computeIfAbsent(r.flow() << 16 ^ timeKey,
                k -> slices.computeIfAbsent(r.flow() + Integer.toString(timeKey), s -> new long[2]));
        slice[0]++;
        try {
            slice[1] = Math.addExact(slice[1], r.valueEur());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the values of %c %d-T%d add up to more than %,d EUR, which"
                    + " the warehouse cannot hold: a value field is far beyond any customs figure (last: %d)",
                    r.flow(), r.year(), r.quarter(), Long.MAX_VALUE, r.valueEur()));
        }
    }

    /** A chunk's time, shared among the flows of its rows in proportion to their number. */
    void addTime(long nanos, long exportRows, long importRows) {
        long rows = exportRows + importRows;
        if (rows > 0) {
            stagingNanos.merge('E', nanos * exportRows / rows, Long::sum);
            stagingNanos.merge('I', nanos * importRows / rows, Long::sum);
        }
    }

    long rows() {
        return slices.values().stream().mapToLong(s -> s[0]).sum();
    }

    /** Plain text, one entry a line, so the job repository stores it whatever its serializer. */
    void saveTo(ExecutionContext context) {
        StringBuilder b = new StringBuilder();
        departements.forEach((k, v) -> b.append("D;").append(k).append(';').append(v).append('\n'));
        products.forEach((k, v) -> b.append("P;").append(k).append(';').append(v).append('\n'));
        countries.keySet().forEach(k -> b.append("C;").append(k).append('\n'));
        slices.forEach((k, v) -> b.append("S;").append(k).append(';').append(v[0]).append(';').append(v[1]).append('\n'));
        stagingNanos.forEach((k, v) -> b.append("T;").append(k).append(';').append(v).append('\n'));
        context.putString(KEY, b.toString());
    }

    static StagedSummary from(ExecutionContext context) {
        StagedSummary s = new StagedSummary();
        if (!context.containsKey(KEY)) {
            return s;
        }
        for (String line : context.getString(KEY).split("\n")) {
            String[] f = line.split(";");
            switch (f[0]) {
                case "D" -> s.departements.put(f[1], f[2]);
                case "P" -> s.products.put(f[1], f[2]);
                case "C" -> s.countries.put(f[1], Boolean.TRUE);
                case "S" -> s.slices.put(f[1], new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
                case "T" -> s.stagingNanos.put(f[1].charAt(0), Long.parseLong(f[2]));
                default -> { /* blank */ }
            }
        }
        return s;
    }
}
