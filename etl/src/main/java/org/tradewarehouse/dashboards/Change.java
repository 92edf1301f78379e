package org.tradewarehouse.dashboards;

/** What a push does, or would do, to one thing in Metabase. */
public record Change(Action action, String kind, String key) {

    public enum Action { CREATE, UPDATE, UNCHANGED }

    @Override
    public String toString() {
        return String.format("%-9s %-10s %s", action.name().toLowerCase(java.util.Locale.ROOT), kind, key);
    }
}
