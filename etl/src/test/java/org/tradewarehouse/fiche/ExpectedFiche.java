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

    /** The 26 member states of the EU-27 other than France, as the issue lists them. */
    static final Set<String> EU26 = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "GR", "HR", "HU",
            "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    /**
     * Every (year, quarter) with lines of either flow up to the year's last quarter, ascending: {year, quarter, exports,
     * imports}, a flow null when no line of that quarter and flow exists anywhere (its slice is not loaded).
     */
    public List<Object[]> quarters() {
        Set<String> slices = new java.util.TreeSet<>();
        raw.rows().stream().filter(f -> year(f) <= year).forEach(f -> slices.add(f[2] + "-" + f[1] + f[0]));
        return slices.stream().map(s -> s.substring(0, s.length() - 1)).distinct().sorted().map(t -> {
            int y = Integer.parseInt(t.substring(0, 4));
            String q = t.substring(5);
            Long[] values = new Long[2];
            for (int i = 0; i < 2; i++) {
                String flow = i == 0 ? "E" : "I";
                values[i] = slices.contains(t + flow)
                        ? sum(f -> inGeo().test(f) && year(f) == y && f[1].equals(q) && f[0].equals(flow)) : null;
            }
            return new Object[]{y, Integer.parseInt(q), values[0], values[1]};
        }).toList();
    }

    /**
     * A flow's parts with the United States, China and the EU-26 and its Herfindahl–Hirschman index over partner
     * codes, for this territory's lines (or France's, every line): {US, CN, EU26, HHI}, nulls when the flow is 0.
     */
    public Double[] exposure(String flow, boolean france) {
        Map<String, Long> byCountry = new HashMap<>();
        raw.rows().stream().filter(f -> (france || inGeo().test(f)) && year(f) == year && f[0].equals(flow))
                .forEach(f -> byCountry.merge(f[7], Long.parseLong(f[8]), Long::sum));
        long total = byCountry.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return new Double[4];
        }
        long eu = byCountry.entrySet().stream().filter(e -> EU26.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        double hhi = 0;
        for (long v : byCountry.values()) {
            double part = (double) v / total;
            hhi += part * part;
        }
        return new Double[]{(double) byCountry.getOrDefault("US", 0L) / total,
                (double) byCountry.getOrDefault("CN", 0L) / total, (double) eu / total, hhi};
    }

    /** A flow's value per partner country for one product of this territory's lines. */
    Map<String, Long> countriesOf(String flow, String product) {
        Map<String, Long> byCountry = new HashMap<>();
        rows().stream().filter(f -> f[0].equals(flow) && f[productField].equals(product))
                .forEach(f -> byCountry.merge(f[7], Long.parseLong(f[8]), Long::sum));
        return byCountry;
    }

    /** The top 10 imported products: {product, the country supplying the most (ties by code), its share}. */
    public List<Object[]> suppliers() {
        return ranked("I", productField).stream().limit(10).map(p -> {
            Map.Entry<String, Long> top = countriesOf("I", p.getKey()).entrySet().stream()
                    .min(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
                    .orElseThrow();
            return new Object[]{p.getKey(), top.getKey(), p.getValue() == 0 ? null : (double) top.getValue() / p.getValue()};
        }).toList();
    }

    /** The top 10 exported products: {product, share going to the United States}. */
    public List<Object[]> unitedStatesShares() {
        return ranked("E", productField).stream().limit(10).map(p -> new Object[]{p.getKey(), p.getValue() == 0 ? null
                : (double) countriesOf("E", p.getKey()).getOrDefault("US", 0L) / p.getValue()}).toList();
    }

    /** The top 10 exported products: {product, its share of the territory's exports / its share of France's}. */
    public List<Object[]> specialisation() {
        long exports = total("E", year);
        long france = total("E", year, f -> true);
        return ranked("E", productField).stream().limit(10).map(p -> {
            long nationally = total("E", year, f -> f[productField].equals(p.getKey()));
            return new Object[]{p.getKey(), exports == 0 || nationally == 0 ? null
                    : ((double) p.getValue() / exports) / ((double) nationally / france)};
        }).toList();
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
