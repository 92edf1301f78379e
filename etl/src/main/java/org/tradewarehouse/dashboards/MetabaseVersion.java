package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Metabase release a push talks to, read from its session properties ("v0.58.8" → 58). */
record MetabaseVersion(String tag, int major) {

    /**
     * The oldest release whose REST shapes the push was checked against: v0.57 stores queries as MBQL 5 and gives the
     * legacy form back on ?legacy-mbql=true, which the push compares with.
     */
    static final int MINIMUM = 57;
    /** Visualisations newer than that: the open-source treemap came with v0.63 (the Sankey chart with v0.52). */
    private static final Map<String, Integer> DISPLAY_SINCE = Map.of("sankey", 52, "treemap", 63);
    private static final Pattern TAG = Pattern.compile("v?[01]\\.(\\d+)");

    static MetabaseVersion of(JsonNode sessionProperties) {
        String tag = sessionProperties.path("version").path("tag").asString("");
        Matcher m = TAG.matcher(tag);
        if (!m.lookingAt()) {
            throw new MetabaseException("cannot tell which Metabase release this is (version tag '" + tag + "')");
        }
        return new MetabaseVersion(tag, Integer.parseInt(m.group(1)));
    }

    /** Refuses a release older than what a card's visualisation needs, before anything is written. */
    void require(String display, String card) {
        int since = DISPLAY_SINCE.getOrDefault(display, 0);
        if (major < since) {
            throw new MetabaseException("Metabase " + tag + " is too old for card " + card + " (" + display
                    + " chart): it needs v0." + since + " or newer; nothing was changed");
        }
    }

    /** Refuses a release older than the REST shapes the push uses, before anything is written. */
    void requireSupported() {
        if (major < MINIMUM) {
            throw new MetabaseException("Metabase " + tag + " is too old: the push needs v0." + MINIMUM
                    + " or newer; nothing was changed");
        }
    }
}
