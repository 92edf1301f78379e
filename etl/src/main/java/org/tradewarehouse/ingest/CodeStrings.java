package org.tradewarehouse.ingest;

/**
 * One String per distinct code: a year holds millions of lines but only hundreds of codes, so the parser hands out
 * the same instance each time instead of a new substring (less garbage, and the staged summary's map lookups find
 * the hash already computed). Bounded: once full, codes are no longer shared but still given.
 */
final class CodeStrings {

    private static final int SLOTS = 1 << 13;
    private static final int MAX_SHARED = SLOTS / 2;

    private final String[] slots = new String[SLOTS];
    private int shared;

    /** {@code text.substring(from, to)}, shared with earlier calls for the same characters. */
    String of(String text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int length = to - from;
        for (int slot = (hash ^ hash >>> 13) & (SLOTS - 1); ; slot = slot + 1 & (SLOTS - 1)) {
            String code = slots[slot];
            if (code == null) {
                String fresh = text.substring(from, to);
                if (shared < MAX_SHARED) {
                    slots[slot] = fresh;
                    shared++;
                }
                return fresh;
            }
            if (code.length() == length && text.regionMatches(from, code, 0, length)) {
                return code;
            }
        }
    }
}
