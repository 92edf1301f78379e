package org.tradewarehouse.fiche;

import org.tradewarehouse.RawRows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A fiche's figures computed straight from the raw lines of the customs files, without the warehouse: the
 * reference the tests hold the marts and the fiche to. Raw fields: 0 flow, 1 quarter, 2 year, 3 département,
 * 4 région, 5 A129, 6 CPF4, 7 country, 8 value.
 */
public record ExpectedFiche(RawRows raw, String geo, int year, int productField) {

    Predicate<String[]> inGeo() {
        if (geo.equals("fr")) {
            return f -> true;
        }
        String code = geo.substring(4);
        int field = geo.startsWith("dep:") ? 3 : 4;
        return f -> f[field].equals(code);
    }

    public long total(String flow, int y) {
        return sum(f -> inGeo().test(f) && f[0].equals(flow) && year(f) == y);
    }

    public long total(String flow, int y, Predicate<String[]> where) {
        return sum(f -> where.test(f) && f[0].equals(flow) && year(f) == y);
    }

    /** Countries by imports + exports, largest first, ties by code: {country, imports, exports}. */
    public List<Object[]> partners() {
        Map<String, long[]> byCountry = new HashMap<>();
        for (String[] f : rows()) {
            long[] v = byCountry.computeIfAbsent(f[7], k -> new long[2]);
            v[f[0].equals("I") ? 0 : 1] += Long.parseLong(f[8]);
        }
        return byCountry.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -(e.getValue()[0] + e.getValue()[1]))
                        .thenComparing(Map.Entry::getKey))
                .limit(10).map(e -> new Object[]{e.getKey(), e.getValue()[0], e.getValue()[1]}).toList();
    }

    /** Value per code of one field for a flow, largest first, ties by code. */
    List<Map.Entry<String, Long>> ranked(String flow, int field) {
        Map<String, Long> sums = new HashMap<>();
        rows().stream().filter(f -> f[0].equals(flow)).forEach(f -> sums.merge(f[field], Long.parseLong(f[8]), Long::sum));
        return sums.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .toList();
    }

    long previousValue(String flow, int field, String code) {
        return sum(f -> inGeo().test(f) && year(f) == year - 1 && f[0].equals(flow) && f[field].equals(code));
    }

    /** Sankey links "product>country" -> value, top 10 on each side, the rest folded into AUTRES. */
    Map<String, Long> links(String flow) {
        Set<String> products = top(ranked(flow, productField));
        Set<String> countries = top(ranked(flow, 7));
        Map<String, Long> links = new HashMap<>();
        rows().stream().filter(f -> f[0].equals(flow)).forEach(f -> links.merge(
                (products.contains(f[productField]) ? f[productField] : "AUTRES") + ">"
                        + (countries.contains(f[7]) ? f[7] : "AUTRES"), Long.parseLong(f[8]), Long::sum));
        return links;
    }

    /** The 5 largest links between a named product and a named country, ties by product then country code. */
    List<String> highlighted(String flow) {
        return links(flow).entrySet().stream().filter(e -> !e.getKey().contains("AUTRES"))
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(5).map(Map.Entry::getKey).toList();
    }

    private static Set<String> top(List<Map.Entry<String, Long>> ranked) {
        Set<String> top = new HashSet<>();
        ranked.stream().limit(10).forEach(e -> top.add(e.getKey()));
        return top;
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (String[] f : raw.rows()) {
            if (inGeo().test(f) && year(f) == year) {
                rows.add(f);
            }
        }
        return rows;
    }

    private long sum(Predicate<String[]> p) {
        return raw.rows().stream().filter(p).mapToLong(f -> Long.parseLong(f[8])).sum();
    }

    private static int year(String[] f) {
        return Integer.parseInt(f[2]);
    }
}
