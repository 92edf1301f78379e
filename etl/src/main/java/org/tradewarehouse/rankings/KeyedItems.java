package org.tradewarehouse.rankings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Items numbered from 0, each reached by triples of small keys (a flow, a département and a CPF4 or partner key; a
 * Sankey's number and a CPF4 key): once all are given, an array indexed by the keys, so that each of a year's millions
 * of fact lines finds its items without hashing. The keys are the dimensions' serials and the Sankeys' numbers: a few
 * hundred or thousand each.
 */
final class KeyedItems {

    private record Entry(int first, int second, int third, int item) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private int firsts, seconds, thirds;
    private int[][] items;

    /** Lines with those keys reach {@code item} (among others). */
    void add(int first, int second, int third, int item) {
        if (items != null) {
            throw new IllegalStateException("items are added before any is looked up");
        }
        entries.add(new Entry(first, second, third, item));
    }

    /** The items lines with those keys reach, in the order given, or null for none. */
    int[] get(int first, int second, int third) {
        if (items == null) {
            index();
        }
        if (first >= firsts || second >= seconds || third >= thirds) {
            return null;
        }
        return items[(first * seconds + second) * thirds + third];
    }

    private void index() {
        for (Entry e : entries) {
            firsts = Math.max(firsts, e.first() + 1);
            seconds = Math.max(seconds, e.second() + 1);
            thirds = Math.max(thirds, e.third() + 1);
        }
        items = new int[firsts * seconds * thirds][];
        for (Entry e : entries) {
            int at = (e.first() * seconds + e.second()) * thirds + e.third();
            items[at] = items[at] == null ? new int[] {e.item()} : append(items[at], e.item());
        }
    }

    private static int[] append(int[] a, int value) {
        int[] all = Arrays.copyOf(a, a.length + 1);
        all[a.length] = value;
        return all;
    }
}
