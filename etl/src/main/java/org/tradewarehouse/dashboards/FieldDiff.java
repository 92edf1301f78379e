package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What differs between what Metabase holds and what the files say, field by field, as lines a person reads:
 * {@code name: "Solde" → "Solde commercial"}, a multi-line text (a card's SQL) as a unified diff. Both sides are in
 * the push's canonical form, so fields Metabase adds of its own never show.
 */
final class FieldDiff {

    private static final int LONGEST_VALUE = 240;

    private FieldDiff() {
    }

    static List<String> between(JsonNode metabase, JsonNode files) {
        List<String> lines = new ArrayList<>();
        compare("", metabase, files, lines);
        return lines;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<String> out) {
        if (Canonical.same(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>(after.propertyNames());
            names.addAll(before.propertyNames());
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), out);
            }
            return;
        }
        if (before != null && after != null && before.isString() && after.isString()
                && (before.asString().contains("\n") || after.asString().contains("\n"))) {
            out.add(path + ":");
            LineDiff.unified(before.asString(), after.asString(), "Metabase", "files").forEach(l -> out.add("  " + l));
            return;
        }
        out.add(path + ": " + show(before) + " → " + show(after));
    }

    private static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "(none)";
        }
        String text = v.toString();
        return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE) + "…" : text;
    }
}
