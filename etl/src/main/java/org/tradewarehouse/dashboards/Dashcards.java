package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dashboard's cards on its grid, by our keys: a card by its card's key, a text by its own (texts have no card,
 * so the n-th text on the grid is the n-th of the file). Only the fields of a dashcard that the push sets are
 * compared; Metabase adds others (dashboard_id, card, created_at, entity_id... in GET /api/dashboard/:id).
 */
final class Dashcards {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Comparator<JsonNode> BY_PLACE = Comparator.comparingInt((JsonNode dc) -> dc.path("row").asInt())
            .thenComparingInt(dc -> dc.path("col").asInt());

    private Dashcards() {
    }

    /** What the files place on the dashboard, by key, without ids. */
    static Map<String, ObjectNode> wanted(Dashboard d, Map<String, Long> cardIds) {
        Map<String, ObjectNode> dashcards = new LinkedHashMap<>();
        for (Dashboard.Card c : d.cards()) {
            if (c.position() == null) {
                continue;
            }
            long cardId = cardIds.get(c.key());
            ObjectNode dc = place(JSON.createObjectNode().put("card_id", cardId), c.position());
            ArrayNode mappings = dc.putArray("parameter_mappings");
            for (String tag : c.templateTags()) {
                mappings.addObject().put("parameter_id", Markers.parameterId(d.key(), tag)).put("card_id", cardId)
                        .set("target", JSON.createArrayNode().add("variable")
                                .add(JSON.createArrayNode().add("template-tag").add(tag)));
            }
            dc.putObject("visualization_settings");
            dashcards.put(c.key(), dc);
        }
        for (Dashboard.Text t : d.texts()) {
            ObjectNode dc = place(JSON.createObjectNode().putNull("card_id"), t.position());
            dc.putArray("parameter_mappings");
            ObjectNode settings = dc.putObject("visualization_settings").put("text", t.markdown());
            settings.putObject("virtual_card").put("display", "text").put("archived", false)
                    .<ObjectNode>set("visualization_settings", JSON.createObjectNode())
                    .set("dataset_query", JSON.createObjectNode());
            dashcards.put(t.key(), dc);
        }
        return dashcards;
    }

    /** What Metabase holds on the dashboard, by key, in the form of {@link #wanted}. */
    static Map<String, ObjectNode> held(JsonNode dashcards, Dashboard d, Map<String, Long> cardIds) {
        Map<String, ObjectNode> held = new LinkedHashMap<>();
        byKey(dashcards, d, cardIds).forEach((key, dc) -> {
            ObjectNode fields = JSON.createObjectNode();
            fields.set("card_id", dc.path("card_id"));
            for (String f : List.of("row", "col", "size_x", "size_y")) {
                fields.set(f, dc.path(f));
            }
            ArrayNode mappings = fields.putArray("parameter_mappings");
            for (JsonNode m : dc.path("parameter_mappings")) {
                ObjectNode mapping = mappings.addObject();
                List.of("parameter_id", "card_id", "target").forEach(f -> mapping.set(f, m.path(f)));
            }
            fields.set("visualization_settings", dc.path("visualization_settings"));
            held.put(key, fields);
        });
        return held;
    }

    static ObjectNode keyed(Map<String, ObjectNode> dashcards) {
        ObjectNode keyed = JSON.createObjectNode();
        dashcards.forEach(keyed::set);
        return keyed;
    }

    /** The dashcards to send: each keeps the id Metabase gave it; a new one gets a negative id, as Metabase asks. */
    static ArrayNode withIds(Map<String, ObjectNode> wanted, JsonNode existing, Dashboard d, Map<String, Long> cardIds) {
        Map<String, JsonNode> held = byKey(existing, d, cardIds);
        ArrayNode out = JSON.createArrayNode();
        long fresh = -1;
        for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
            JsonNode dc = held.get(e.getKey());
            out.addObject().put("id", dc != null ? dc.path("id").asLong() : fresh--).setAll(e.getValue());
        }
        return out;
    }

    /**
     * Metabase's dashcards by our keys, in their order on the grid: a card's by its card's key, the n-th text by the
     * n-th text of the file; a card placed again (by hand) gets a key of its own, so that it shows as a difference.
     */
    private static Map<String, JsonNode> byKey(JsonNode dashcards, Dashboard d, Map<String, Long> cardIds) {
        Map<Long, String> keyOfCard = new HashMap<>();
        cardIds.forEach((key, id) -> keyOfCard.put(id, key));
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        int text = 0;
        for (JsonNode dc : sorted(dashcards)) {
            String key;
            if (dc.path("card_id").isNumber()) {
                String card = keyOfCard.get(dc.path("card_id").asLong());
                key = card != null ? card : "card #" + dc.path("card_id").asLong();
            } else {
                key = text < d.texts().size() ? d.texts().get(text).key() : "text #" + (text + 1);
                text++;
            }
            String unique = key;
            for (int copy = 2; byKey.containsKey(unique); copy++) {
                unique = key + " (copy " + copy + ")";
            }
            byKey.put(unique, dc);
        }
        return byKey;
    }

    private static List<JsonNode> sorted(JsonNode dashcards) {
        List<JsonNode> list = new ArrayList<>();
        dashcards.forEach(list::add);
        list.sort(BY_PLACE);
        return list;
    }

    private static ObjectNode place(ObjectNode dc, Dashboard.Position p) {
        return dc.put("row", p.row()).put("col", p.col()).put("size_x", p.width()).put("size_y", p.height());
    }
}
