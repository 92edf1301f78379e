package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One text per JSON value, whatever the order of its keys or the spelling of its numbers (Metabase answers 5432 for
 * the 5432.0 it was sent, and in its own key order): what the push compares, and what the digest of a marker covers.
 */
final class Canonical {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Canonical() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        return text(a).equals(text(b));
    }

    /** 12 hexadecimal digits of the SHA-256 of the canonical text. */
    static String digest(JsonNode value) {
        return HexFormat.of().formatHex(Markers.sha256(text(value))).substring(0, 12);
    }

    static String text(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode v, StringBuilder out) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            out.append("null");
        } else if (v.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            v.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            sorted.forEach((k, x) -> {
                if (out.charAt(out.length() - 1) != '{') {
                    out.append(',');
                }
                out.append(JSON.writeValueAsString(k)).append(':');
                write(x, out);
            });
            out.append('}');
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(v.get(i), out);
            }
            out.append(']');
        } else if (v.isNumber()) {
            out.append(v.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(JSON.writeValueAsString(v));
        }
    }
}
