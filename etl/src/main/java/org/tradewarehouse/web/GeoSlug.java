package org.tradewarehouse.web;

/** Territory codes in addresses and file names: dep:87 is dep-87 (a colon is awkward in both), fr stays fr. */
final class GeoSlug {

    private GeoSlug() {
    }

    public static String of(String geo) {
        return geo.replace(':', '-');
    }

    /** dep-87 back to dep:87; only the first dash separates the level from the code. */
    public static String toGeo(String slug) {
        return slug.replaceFirst("-", ":");
    }
}
