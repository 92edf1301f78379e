package org.tradewarehouse.dashboards;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the push recognises what it owns in Metabase. Metabase generates every id and entity_id itself (a sent
 * entity_id is ignored), so the collection, each card and each dashboard carry a marker at the end of their
 * description, which Metabase keeps as sent: {@code [trade-warehouse:KEY DIGEST]}, KEY being ours
 * ({@code collection}, {@code panorama}, {@code panorama/solde}) and DIGEST that of what the last push sent, so
 * that a plan can tell a change made by hand in Metabase since then. Parameter and template tag ids are ours too,
 * derived from the keys, so every push sends the same ones.
 */
final class Markers {

    private static final String PREFIX = "[trade-warehouse:";
    private static final Pattern MARKER = Pattern.compile("\\s*\\[trade-warehouse:([^\\]\\s]+)(?: ([0-9a-f]{12}))?]\\s*$");

    /** A marker read back from a description: our key, and the digest of what the last push sent (null if none). */
    record Found(String key, String digest) {
    }

    private Markers() {
    }

    /** The description as sent: the text, then the marker of the key and the digest of what is sent. */
    static String describe(String text, String key, String digest) {
        return (text.isEmpty() ? "" : text + " ") + PREFIX + key + (digest == null ? "" : " " + digest) + "]";
    }

    static Optional<Found> find(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(description);
        return m.find() ? Optional.of(new Found(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The description without its marker: the part a person reads and may edit. */
    static String text(String description) {
        return description == null ? "" : MARKER.matcher(description).replaceFirst("");
    }

    static String parameterId(String dashboardKey, String parameterKey) {
        return HexFormat.of().formatHex(sha256("parameter:" + dashboardKey + "/" + parameterKey)).substring(0, 8);
    }

    static String templateTagId(String cardKey, String tag) {
        return UUID.nameUUIDFromBytes(("tag:" + cardKey + "/" + tag).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
