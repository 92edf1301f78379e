package org.tradewarehouse.dashboards;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two short texts (a card's SQL), line by line, with two lines of context. */
final class LineDiff {

    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    static List<String> unified(String before, String after, String beforeName, String afterName) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        // longest common subsequence, from the ends
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> edits = new ArrayList<>(); // " line", "-line", "+line"
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                edits.add(" " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                edits.add("-" + a[i++]); // removed lines first, as diff -u writes them
            } else {
                edits.add("+" + b[j++]);
            }
        }
        List<String> out = new ArrayList<>(List.of("--- " + beforeName, "+++ " + afterName));
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).startsWith(" ")) {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int quiet = 0;
            while (end < edits.size() && quiet <= 2 * CONTEXT) { // a hunk goes on while changes are close together
                quiet = edits.get(end).startsWith(" ") ? quiet + 1 : 0;
                end++;
            }
            end -= Math.max(0, quiet - CONTEXT);
            List<String> hunk = edits.subList(start, end);
            out.add("@@ -" + (lineOf(edits, start, '+') + 1) + "," + count(hunk, '+') + " +" + (lineOf(edits, start, '-') + 1)
                    + "," + count(hunk, '-') + " @@");
            out.addAll(hunk);
            k = end;
        }
        return out;
    }

    /** The number of lines of one side in a hunk: every edit but those of the other side. */
    private static long count(List<String> hunk, char otherSide) {
        return hunk.stream().filter(e -> e.charAt(0) != otherSide).count();
    }

    /** The number of lines of one side before edit index, counting every edit but those of the other side. */
    private static int lineOf(List<String> edits, int index, char otherSide) {
        int n = 0;
        for (int x = 0; x < index; x++) {
            if (edits.get(x).charAt(0) != otherSide) {
                n++;
            }
        }
        return n;
    }
}
