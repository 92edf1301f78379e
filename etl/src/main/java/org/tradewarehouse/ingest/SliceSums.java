package org.tradewarehouse.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sums the rankings start from (dw.slice_sum), made while the rows are staged: each (quarter, flow) slice's rows
 * summed per département and partner country, and per département and CPF4, in memory (a full year: 385,000 sums,
 * 9 MB).
 * <p>
 * The sums are only used when they hold exactly what was staged: every chunk of the load staged by this process, none
 * rolled back, and per slice the same lines and euros as the staging step counted. Otherwise (a load resumed after a
 * stop or a crash) publishing sums the staged rows again in SQL.
 */
final class SliceSums {

    /** One sum: its slice, département, and country or CPF4 (the other null), euros and lines. */
    record Sum(int timeKey, char flow, String depCode, String country, String cpf4, long valueEur, long lines) {
    }

    private static final int MEMBERS = 1 << 16;

    private final long loadId;
    private boolean complete = true;
    private final Codes departements = new Codes();
    private final Codes countries = new Codes();
    private final Codes products = new Codes();
    /**
     * Per département (by its number): (slice, country or CPF4) -> euros and lines. A table per département stays
     * small enough for the processor's cache while the lines of one département follow one another, as in the files.
     */
    private final List<Table> sums = new ArrayList<>();

    SliceSums(long loadId) {
        this.loadId = loadId;
    }

    long loadId() {
        return loadId;
    }

    /** A row the current chunk stages. */
    void add(ParsedLine.TradeRow r) {
        if (!complete) {
            return;
        }
        int dep = departements.index(r.depCode());
        int country = countries.index(r.country());
        int product = products.index(r.cpf4());
        if (country >= MEMBERS || product >= MEMBERS) {
            complete = false; // beyond any real nomenclature
            return;
        }
        if (dep == sums.size()) {
            sums.add(new Table());
        }
        Table table = sums.get(dep);
        long slice = (long) (r.year() * 10 + r.quarter()) * 2 + (r.flow() == 'E' ? 1 : 0);
        table.add(slice * 2 * MEMBERS + country, r.valueEur());
        table.add((slice * 2 + 1) * MEMBERS + product, r.valueEur());
    }

    /** A chunk rolled back: its rows were summed, so the sums cannot be used. */
    void chunkRolledBack() {
        complete = false;
    }

    /**
     * The sums, if they hold exactly the staged slices: for each slice, the sums per country and the sums per CPF4
     * each count its lines and euros once, and no other slice was summed.
     */
    Optional<List<Sum>> of(List<FactSlices.Slice> staged) {
        if (!complete) {
            return Optional.empty();
        }
        List<Sum> result = new ArrayList<>();
        for (int dep = 0; dep < sums.size(); dep++) {
            String depCode = departements.code(dep);
            sums.get(dep).forEach((key, euros, lines) -> {
                long member = key % MEMBERS;
                boolean byCpf4 = key / MEMBERS % 2 == 1;
                long slice = key / (2L * MEMBERS);
                result.add(new Sum((int) (slice / 2), slice % 2 == 1 ? 'E' : 'I', depCode,
                        byCpf4 ? null : countries.code((int) member), byCpf4 ? products.code((int) member) : null, euros, lines));
            });
        }
        Map<Total, long[]> totals = new HashMap<>();
        for (Sum sum : result) {
            long[] t = totals.computeIfAbsent(new Total(sum.flow(), sum.timeKey(), sum.cpf4() != null), k -> new long[2]);
            t[0] += sum.valueEur();
            t[1] += sum.lines();
        }
        for (FactSlices.Slice s : staged) {
            for (boolean byCpf4 : new boolean[] {false, true}) {
                long[] t = totals.remove(new Total(s.flow(), s.timeKey(), byCpf4));
                if (t == null || t[0] != s.valueEur() || t[1] != s.rows()) {
                    return Optional.empty();
                }
            }
        }
        return totals.isEmpty() ? Optional.of(result) : Optional.empty();
    }

    /** A slice's sums per country, or per CPF4. */
    private record Total(char flow, int timeKey, boolean byCpf4) {
    }

    /**
     * Euros and lines by key in one array, a slot's three numbers side by side (key + 1, 0 when free; euros; lines):
     * open addressing, no object per sum, one memory line read per row and sum (a full year sums 6 million times into
     * 385,000 sums, 3,800 per département).
     */
    private static final class Table {

        interface Visitor {
            void visit(long key, long euros, long lines);
        }

        private long[] slots = new long[3 << 8];
        private int size;

        void add(long key, long valueEur) {
            int at = find(slots, key + 1);
            if (slots[at] == 0) {
                slots[at] = key + 1;
                if (++size > slots.length / 6) {
                    grow();
                    at = find(slots, key + 1);
                }
            }
            slots[at + 1] += valueEur;
            slots[at + 2]++;
        }

        void forEach(Visitor visitor) {
            for (int at = 0; at < slots.length; at += 3) {
                if (slots[at] != 0) {
                    visitor.visit(slots[at] - 1, slots[at + 1], slots[at + 2]);
                }
            }
        }

        /** The slot holding the stored key, or the free one where it goes. */
        private static int find(long[] slots, long stored) {
            int capacity = slots.length / 3; // a power of two
            int i = (int) ((stored * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(capacity)));
            while (slots[i * 3] != 0 && slots[i * 3] != stored) {
                i = (i + 1) & (capacity - 1);
            }
            return i * 3;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (int at = 0; at < old.length; at += 3) {
                if (old[at] != 0) {
                    int to = find(slots, old[at]);
                    System.arraycopy(old, at, slots, to, 3);
                }
            }
        }
    }

    /**
     * Codes numbered in the order they come. The parser gives each code as one shared string, and consecutive lines
     * mostly repeat the previous line's département and CPF4: the last code is compared first, as a reference.
     */
    private static final class Codes {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> codes = new ArrayList<>();
        private String last;
        private int lastIndex;

        int index(String code) {
            if (code == last) {
                return lastIndex;
            }
            Integer i = index.get(code);
            if (i == null) {
                i = codes.size();
                index.put(code, i);
                codes.add(code);
            }
            last = code;
            lastIndex = i;
            return i;
        }

        String code(int i) {
            return codes.get(i);
        }
    }
}
