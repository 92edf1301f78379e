package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Whether what Metabase holds already says what we would send: every field we set must be there with the same
 * value; fields Metabase adds of its own (ids, timestamps, defaults) do not count as a change.
 */
final class JsonMatch {

    private JsonMatch() {
    }

    static boolean holds(JsonNode wanted, JsonNode actual) {
        if (wanted == null || wanted.isNull()) {
            return actual == null || actual.isNull() || actual.isMissingNode();
        }
        if (actual == null || actual.isMissingNode() || actual.isNull()) {
            return false;
        }
        if (wanted.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : wanted.properties()) {
                if (!holds(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!actual.isArray() || actual.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!holds(wanted.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isNumber() && actual.isNumber()) {
            return wanted.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return wanted.equals(actual);
    }
}
