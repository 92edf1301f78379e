package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Makes Metabase hold the dashboards stored as code: the collection, the warehouse connection, every card and every
 * dashboard with its filters wired to the cards. Each thing is found again by our stable key and written only when
 * it differs, so a second push with nothing changed writes nothing. Cards are all written before any dashboard, and a
 * dashboard's cards and filters are wired in one request: a failure never leaves a dashboard half-wired.
 */
public class DashboardPush {

    static final String COLLECTION_KEY = "collection";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LIST_FLAGS = "archived=false";

    private final MetabaseClient metabase;
    private final String collectionName;
    private final String databaseName;
    private final WarehouseConnection warehouse;
    private final List<Change> changes = new ArrayList<>();
    private boolean apply;

    public DashboardPush(MetabaseClient metabase, String collectionName, String databaseName, WarehouseConnection warehouse) {
        this.metabase = metabase;
        this.collectionName = collectionName;
        this.databaseName = databaseName;
        this.warehouse = warehouse;
    }

    /** What a push would create, update or leave, from reads only. */
    public List<Change> plan(List<Dashboard> dashboards) {
        return run(dashboards, false);
    }

    public List<Change> push(List<Dashboard> dashboards) {
        return run(dashboards, true);
    }

    private synchronized List<Change> run(List<Dashboard> dashboards, boolean write) {
        apply = write;
        changes.clear();
        JsonNode properties = metabase.properties();
        MetabaseVersion version = MetabaseVersion.of(properties);
        dashboards.forEach(d -> d.cards().forEach(c -> version.require(c.display(), d.key() + "/" + c.key())));
        version.requireSupported();
        if (!properties.path("has-user-setup").asBoolean(true)) {
            if (!write) {
                throw new MetabaseException("Metabase is not set up yet: a push would create its administrator first");
            }
            metabase.setUp(properties.path("setup-token").asString(), collectionName);
        }
        JsonNode user = metabase.get("/api/user/current"); // wrong credentials are said here, before any change
        if (!user.path("is_superuser").asBoolean(false)) {
            throw new MetabaseException("the Metabase account " + user.path("email").asString("") + " is not an"
                    + " administrator: it cannot create the warehouse connection; nothing was changed");
        }

        long collection = collection();
        long database = database();
        for (Dashboard d : dashboards) {
            Map<String, Long> cardIds = new HashMap<>();
            for (Dashboard.Card c : d.cards()) {
                cardIds.put(c.key(), card(d, c, collection, database));
            }
            dashboard(d, collection, cardIds);
        }
        return List.copyOf(changes);
    }

    private long collection() {
        JsonNode all = metabase.get("/api/collection/?" + LIST_FLAGS + "&exclude-other-user-collections=false&personal-only=false");
        ObjectNode wanted = JSON.createObjectNode().put("name", collectionName)
                .put("description", "Tableaux de bord du commerce extérieur, tenus à jour depuis les fichiers du dossier"
                        + " dashboards/ de trade-warehouse : une modification faite ici sera remplacée au prochain envoi. "
                        + StableIds.marker(COLLECTION_KEY));
        Optional<JsonNode> found = stream(all)
                .filter(c -> !c.path("archived").asBoolean(false))
                .filter(c -> StableIds.hasMarker(c.path("description").asString(null), COLLECTION_KEY)).findFirst();
        if (found.isEmpty()) {
            return create("collection", collectionName, "/api/collection/", wanted);
        }
        long id = found.get().path("id").asLong();
        ensure("collection", collectionName, found.get(), wanted, "/api/collection/" + id,
                wanted.deepCopy().put("archived", false));
        return id;
    }

    private long database() {
        JsonNode all = metabase.get("/api/database/?include_analytics=false&saved=false&include_editable_data_model=false"
                + "&exclude_uneditable_details=false&include_only_uploadable=false");
        ObjectNode details = JSON.createObjectNode().put("host", warehouse.host()).put("port", warehouse.port())
                .put("dbname", warehouse.database()).put("user", warehouse.user());
        Optional<JsonNode> found = stream(all.has("data") ? all.get("data") : all)
                .filter(d -> databaseName.equals(d.path("name").asString(null))).findFirst();
        ObjectNode withPassword = details.deepCopy().put("password", warehouse.password()).put("ssl", false);
        if (found.isEmpty()) {
            return create("database", databaseName + " (" + warehouse + ")", "/api/database/", JSON.createObjectNode()
                    .put("name", databaseName).put("engine", "postgres").set("details", withPassword)
                    .put("is_full_sync", true).put("is_on_demand", false).put("connection_source", "admin"));
        }
        long id = found.get().path("id").asLong();
        // The password cannot be compared (Metabase hides it): it is sent again whenever the address changes.
        ensure("database", databaseName + " (" + warehouse + ")", found.get(),
                JSON.createObjectNode().put("engine", "postgres").set("details", details),
                "/api/database/" + id, JSON.createObjectNode().set("details", withPassword));
        return id;
    }

    private long card(Dashboard d, Dashboard.Card c, long collection, long database) {
        String key = d.key() + "/" + c.key();
        String entityId = StableIds.entityId(key);
        ObjectNode tags = JSON.createObjectNode();
        for (String tag : c.templateTags()) {
            Dashboard.Parameter p = parameter(d, tag);
            tags.set(tag, JSON.createObjectNode().put("id", StableIds.templateTagId(key, tag)).put("name", tag)
                    .put("display-name", p.name()).put("type", p.isNumber() ? "number" : "text").put("required", true)
                    .set("default", JSON.valueToTree(p.defaultValue())));
        }
        ObjectNode wanted = JSON.createObjectNode().put("name", c.name()).put("display", c.display())
                .put("collection_id", collection).put("description", "Requête : dashboards/" + c.sql());
        wanted.set("dataset_query", JSON.createObjectNode().put("type", "native").put("database", database)
                .set("native", JSON.createObjectNode().put("query", c.query()).set("template-tags", tags)));
        wanted.set("visualization_settings", JSON.valueToTree(c.visualization()));

        Optional<JsonNode> found = metabase.find("/api/card/" + entityId + "?legacy-mbql=true");
        if (found.isEmpty()) {
            return create("card", key, "/api/card/", wanted.deepCopy().put("entity_id", entityId));
        }
        long id = found.get().path("id").asLong();
        ObjectNode update = wanted.deepCopy().put("archived", false); // a card archived by hand comes back
        ensure("card", key, found.get(), update, "/api/card/" + id, update);
        return id;
    }

    private void dashboard(Dashboard d, long collection, Map<String, Long> cardIds) {
        ObjectNode wanted = JSON.createObjectNode().put("name", d.name())
                .put("description", (d.description() == null ? "" : d.description() + "\n\n")
                        + "Tenu à jour par trade-warehouse (dashboards push) depuis dashboards/" + d.key() + ".yaml. "
                        + StableIds.marker(d.key()));
        wanted.set("parameters", parameters(d, cardIds));
        Optional<JsonNode> found = findDashboard(d.key(), collection);
        ArrayNode dashcards = dashcards(d, cardIds, found.map(f -> f.path("dashcards")).orElse(JSON.createArrayNode()));
        if (found.isEmpty()) {
            long id = create("dashboard", d.key(), "/api/dashboard/", wanted.deepCopy().put("collection_id", collection));
            if (apply) {
                wire(id, wanted, dashcards, true);
            }
            return;
        }
        long id = found.get().path("id").asLong();
        ObjectNode compared = wanted.deepCopy();
        compared.set("dashcards", sortedForComparison(withoutIds(dashcards)));
        ObjectNode actual = (ObjectNode) found.get().deepCopy();
        actual.set("dashcards", sortedForComparison((ArrayNode) found.get().path("dashcards")));
        if (JsonMatch.holds(compared, actual) && !found.get().path("archived").asBoolean(false)) {
            changes.add(new Change(Change.Action.UNCHANGED, "dashboard", d.key()));
            return;
        }
        changes.add(new Change(Change.Action.UPDATE, "dashboard", d.key()));
        if (apply) {
            wire(id, wanted.deepCopy().put("archived", false).put("collection_id", collection), dashcards, false);
        }
    }

    /** Cards and filters in one request; a dashboard just created and left unwired is removed again. */
    private void wire(long id, ObjectNode dashboard, ArrayNode dashcards, boolean created) {
        ObjectNode body = dashboard.deepCopy();
        body.set("dashcards", dashcards);
        try {
            metabase.put("/api/dashboard/" + id, body);
        } catch (MetabaseException e) {
            if (created) {
                metabase.delete("/api/dashboard/" + id);
                throw new MetabaseException(e.getMessage() + " (the new dashboard was removed again)");
            }
            throw new MetabaseException(e.getMessage() + " (the dashboard keeps its previous cards and filters)");
        }
    }

    private Optional<JsonNode> findDashboard(String key, long collection) {
        if (collection < 0) {
            return Optional.empty();
        }
        JsonNode items = metabase.get("/api/collection/" + collection + "/items?models=dashboard&" + LIST_FLAGS
                + "&include_can_run_adhoc_query=false&show_dashboard_questions=false");
        return stream(items.has("data") ? items.get("data") : items)
                .filter(i -> StableIds.hasMarker(i.path("description").asString(null), key))
                .findFirst()
                .map(i -> metabase.get("/api/dashboard/" + i.path("id").asLong()));
    }

    private ArrayNode parameters(Dashboard d, Map<String, Long> cardIds) {
        ArrayNode parameters = JSON.createArrayNode();
        for (Dashboard.Parameter p : d.parameters()) {
            ObjectNode param = parameters.addObject().put("id", StableIds.parameterId(d.key(), p.key()))
                    .put("name", p.name()).put("slug", p.key()).put("type", p.type())
                    .put("sectionId", p.isNumber() ? "number" : "string");
            param.set("default", JSON.createArrayNode().add(JSON.valueToTree(p.defaultValue())));
            if (p.valuesFromCard() != null) {
                param.put("values_source_type", "card");
                ObjectNode config = param.putObject("values_source_config").put("card_id", cardIds.get(p.valuesFromCard()));
                config.set("value_field", JSON.createArrayNode().add("field").add(firstColumn(d, p.valuesFromCard()))
                        .add(JSON.createObjectNode().put("base-type", "type/Text")));
            } else if (p.values() != null) {
                param.put("values_source_type", "static-list");
                param.putObject("values_source_config").set("values", JSON.valueToTree(p.values()));
            }
        }
        return parameters;
    }

    private ArrayNode dashcards(Dashboard d, Map<String, Long> cardIds, JsonNode existing) {
        ArrayNode dashcards = JSON.createArrayNode();
        Map<Long, Long> existingByCard = new HashMap<>();
        List<Long> existingTexts = new ArrayList<>();
        for (JsonNode dc : existing) {
            if (dc.path("card_id").isNumber()) {
                existingByCard.putIfAbsent(dc.path("card_id").asLong(), dc.path("id").asLong());
            } else {
                existingTexts.add(dc.path("id").asLong());
            }
        }
        int fresh = -1;
        for (Dashboard.Card c : d.cards()) {
            if (c.position() == null) {
                continue;
            }
            long cardId = cardIds.get(c.key());
            Long id = existingByCard.get(cardId);
            ObjectNode dc = place(dashcards.addObject().put("id", id != null ? id : fresh--), c.position())
                    .put("card_id", cardId);
            ArrayNode mappings = dc.putArray("parameter_mappings");
            for (String tag : c.templateTags()) {
                mappings.addObject().put("parameter_id", StableIds.parameterId(d.key(), tag)).put("card_id", cardId)
                        .set("target", JSON.createArrayNode().add("variable")
                                .add(JSON.createArrayNode().add("template-tag").add(tag)));
            }
            dc.putObject("visualization_settings");
        }
        int text = 0;
        for (Dashboard.Text t : d.texts()) {
            long id = text < existingTexts.size() ? existingTexts.get(text++) : fresh--;
            ObjectNode dc = place(dashcards.addObject().put("id", id), t.position()).putNull("card_id");
            dc.putArray("parameter_mappings");
            ObjectNode settings = dc.putObject("visualization_settings").put("text", t.markdown());
            settings.putObject("virtual_card").put("display", "text").put("archived", false)
                    .putNull("name").putObject("visualization_settings");
            ((ObjectNode) settings.get("virtual_card")).putObject("dataset_query");
        }
        return dashcards;
    }

    private static ObjectNode place(ObjectNode dc, Dashboard.Position p) {
        return dc.put("row", p.row()).put("col", p.col()).put("size_x", p.width()).put("size_y", p.height());
    }

    private static ArrayNode withoutIds(ArrayNode dashcards) {
        ArrayNode copy = dashcards.deepCopy();
        copy.forEach(dc -> ((ObjectNode) dc).remove("id"));
        return copy;
    }

    private static ArrayNode sortedForComparison(ArrayNode dashcards) {
        ArrayNode sorted = JSON.createArrayNode();
        StreamSupport.stream(dashcards.spliterator(), false)
                .sorted(Comparator.comparingInt((JsonNode dc) -> dc.path("row").asInt()).thenComparingInt(dc -> dc.path("col").asInt()))
                .forEach(sorted::add);
        return sorted;
    }

    /** Creates the thing (or, in a plan, notes that it would): its id, or -1 in a plan. */
    private long create(String kind, String key, String path, ObjectNode body) {
        changes.add(new Change(Change.Action.CREATE, kind, key));
        return apply ? metabase.post(path, body).path("id").asLong() : -1;
    }

    private void ensure(String kind, String key, JsonNode actual, ObjectNode wanted, String path, ObjectNode update) {
        if (JsonMatch.holds(wanted, actual)) {
            changes.add(new Change(Change.Action.UNCHANGED, kind, key));
            return;
        }
        changes.add(new Change(Change.Action.UPDATE, kind, key));
        if (apply) {
            metabase.put(path, update);
        }
    }

    private static Dashboard.Parameter parameter(Dashboard d, String key) {
        return d.parameters().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }

    private static String firstColumn(Dashboard d, String cardKey) {
        String query = d.cards().stream().filter(c -> c.key().equals(cardKey)).findFirst().orElseThrow().query();
        var m = java.util.regex.Pattern.compile("(?is)select\\s+.*?\\bas\\s+\"([^\"]+)\"").matcher(query);
        if (!m.find()) {
            throw new DashboardFileException(d.key() + ": card " + cardKey + " gives a filter its values: its first"
                    + " column needs a quoted alias (select label as \"Territoire\")");
        }
        return m.group(1);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
