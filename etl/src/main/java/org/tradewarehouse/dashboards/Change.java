package org.tradewarehouse.dashboards;

import java.util.List;
import java.util.Locale;

/**
 * What a push does, or would do, to one thing in Metabase, with the fields that differ (Metabase's value → the
 * files'). drift: someone changed it in Metabase since the last push; the push puts the files' version back.
 */
public record Change(Action action, String kind, String key, List<String> fields, boolean drift) {

    public enum Action { CREATE, UPDATE, ARCHIVE, UNCHANGED }

    public Change {
        fields = List.copyOf(fields);
    }

    Change(Action action, String kind, String key) {
        this(action, kind, key, List.of(), false);
    }

    /** One line, then the differing fields indented below it. */
    public String describe() {
        StringBuilder out = new StringBuilder(toString());
        if (drift) {
            out.append("   (changed in Metabase since the last push: the push puts the files' version back)");
        }
        fields.forEach(f -> out.append("\n      ").append(f));
        return out.toString();
    }

    @Override
    public String toString() {
        return String.format("%-9s %-10s %s", action.name().toLowerCase(Locale.ROOT), kind, key);
    }
}
