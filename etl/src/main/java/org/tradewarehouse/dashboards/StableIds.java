package org.tradewarehouse.dashboards;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Identifiers derived from our stable keys, so that every push gives a card, a parameter or a template tag the same
 * identity in Metabase: a card's entity_id (21 URL-safe characters, Metabase's NanoID alphabet), a parameter id, a
 * template tag id. The marker put in the descriptions of the collection and dashboards finds them again.
 */
final class StableIds {

    private StableIds() {
    }

    static String entityId(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("entity:" + key)).substring(0, 21);
    }

    static String parameterId(String dashboardKey, String parameterKey) {
        return HexFormat.of().formatHex(sha256("parameter:" + dashboardKey + "/" + parameterKey)).substring(0, 8);
    }

    static String templateTagId(String cardKey, String tag) {
        return UUID.nameUUIDFromBytes(("tag:" + cardKey + "/" + tag).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The marker ending the description of what the push owns: "[trade-warehouse:KEY]". */
    static String marker(String key) {
        return "[trade-warehouse:" + key + "]";
    }

    static boolean hasMarker(String description, String key) {
        return description != null && description.contains(marker(key));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
