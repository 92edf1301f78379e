package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cards and dashboards earlier pushes left in Metabase, found by the markers of their descriptions: first among
 * the collection's items, then, for a key still missing (moved to another collection or archived by hand), among all
 * cards and all dashboards, archived ones last. Metabase lists a card's description in both
 * ({@code collections_rest/api.clj} card-query, {@code queries_rest/api/card.clj} f=all / f=archived).
 */
final class Owned {

    /** Cards of our collection written by pushes from before the markers: their description began so. */
    static final String EARLIER_PUSH_DESCRIPTION = "Requête : dashboards/";

    /** Something of Metabase's that a push made: its kind ("card", "dashboard"), id, our key, the marker's digest. */
    record Item(String model, long id, String key, String digest, boolean archived) {
    }

    private final Map<String, Item> cards = new LinkedHashMap<>();
    private final Map<String, Item> dashboards = new LinkedHashMap<>();
    private final List<Item> earlierPushCards = new ArrayList<>();

    private Owned() {
    }

    /** collection: the collection's id, or a negative number when it does not exist yet (nothing in it). */
    static Owned find(MetabaseClient metabase, long collection, Set<String> cardKeys, Set<String> dashboardKeys) {
        Owned owned = new Owned();
        if (collection >= 0) {
            JsonNode items = metabase.get("/api/collection/" + collection + "/items?models=card&models=dashboard"
                    + "&archived=false&include_can_run_adhoc_query=false&show_dashboard_questions=false");
            owned.take(items.has("data") ? items.get("data") : items, null);
            for (JsonNode item : items.path("data")) {
                if (item.path("model").asString("").equals("card") && Markers.find(item.path("description").asString(null)).isEmpty()
                        && item.path("description").asString("").startsWith(EARLIER_PUSH_DESCRIPTION)) {
                    owned.earlierPushCards.add(new Item("card", item.path("id").asLong(),
                            item.path("name").asString() + " (left by an earlier push)", null, false));
                }
            }
        }
        for (String filter : List.of("all", "archived")) { // "all" leaves archived cards out
            if (!owned.cards.keySet().containsAll(cardKeys)) {
                owned.take(metabase.get("/api/card/?f=" + filter), "card");
            }
        }
        for (String filter : List.of("all", "archived")) {
            if (!owned.dashboards.keySet().containsAll(dashboardKeys)) {
                // documented as kept for backward compatibility: where a release has dropped it, nothing more is found
                metabase.find("/api/dashboard/?f=" + filter).ifPresent(all -> owned.take(all, "dashboard"));
            }
        }
        return owned;
    }

    Optional<Item> card(String key) {
        return Optional.ofNullable(cards.get(key));
    }

    Optional<Item> dashboard(String key) {
        return Optional.ofNullable(dashboards.get(key));
    }

    /** What carries our marker but is no longer in the files, and the cards of pushes from before the markers. */
    List<Item> noLongerDefined(Set<String> cardKeys, Set<String> dashboardKeys) {
        List<Item> gone = new ArrayList<>();
        cards.values().stream().filter(i -> !cardKeys.contains(i.key()) && !i.archived()).forEach(gone::add);
        dashboards.values().stream().filter(i -> !dashboardKeys.contains(i.key()) && !i.archived()).forEach(gone::add);
        gone.addAll(earlierPushCards);
        return gone;
    }

    /** Keeps, for each key, the first item found (a copy made in Metabase keeps the marker: the original wins). */
    private void take(JsonNode list, String model) {
        List<JsonNode> sorted = new ArrayList<>();
        list.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(i -> i.path("id").asLong()));
        for (JsonNode item : sorted) {
            String kind = model != null ? model : item.path("model").asString("");
            Optional<Markers.Found> marker = Markers.find(item.path("description").asString(null));
            if (marker.isEmpty() || !(kind.equals("card") || kind.equals("dashboard"))) {
                continue;
            }
            Map<String, Item> into = kind.equals("card") ? cards : dashboards;
            String key = marker.get().key();
            if (!into.containsKey(key)) {
                into.put(key, new Item(kind, item.path("id").asLong(), key, marker.get().digest(),
                        item.path("archived").asBoolean(false)));
            }
        }
    }
}
