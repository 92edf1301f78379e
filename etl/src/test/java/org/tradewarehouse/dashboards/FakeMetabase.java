package org.tradewarehouse.dashboards;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A local HTTP server that plays the part of Metabase's REST API the push uses, and keeps what it is sent the way
 * Metabase does, never kinder: each behaviour below cites the file of Metabase's source (repository metabase/metabase,
 * v0.57 to v0.64) it follows. Every request is recorded; failures can be planted on chosen requests; a test can edit
 * what it holds as a person would in Metabase's interface ({@link #cards()}, {@link #dashboards()}).
 */
class FakeMetabase extends Dispatcher implements AutoCloseable {

    static final String API_KEY = "mb_test_key";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NANOID_ALPHABET = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Set<String> DASHCARD_KEYS = Set.of("id", "size_x", "size_y", "row", "col", "card_id", "action_id",
            "dashboard_tab_id", "parameter_mappings", "visualization_settings", "inline_parameters", "series");

    record Request(String method, String path, String query, JsonNode body) {
        String line() {
            return method + " " + path;
        }

        boolean isWrite() {
            return !method.equals("GET");
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Request> requests = new ArrayList<>();
    // Metabase's application database gives each table its own id sequence.
    private final Map<Long, ObjectNode> collections = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> databases = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> cards = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> dashboards = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private Instant clock = Instant.parse("2026-12-01T08:00:00Z");
    private final long trash;
    String version = "v0.63.19.1";
    /** false: a Metabase never set up, which has no account yet and hands out a setup token. */
    boolean setUp = true;
    boolean administrator = true;
    private String adminEmail = "admin@example.org";
    private String adminPassword = "s3cret";

    private record Fault(Predicate<Request> when, MockResponse response) {
    }

    FakeMetabase() throws IOException {
        // What a new Metabase holds before any push: the Trash (a collection made by a migration, where what is
        // archived on its own is shown), the administrator's personal collection (made with the account) and the
        // Sample Database (src/metabase/sample_data/impl.clj), so our ids are not the first ones.
        trash = store(collections, "collection", JSON.createObjectNode().put("name", "Trash").putNull("description")
                .put("type", "trash")).get("id").asLong();
        store(collections, "collection", JSON.createObjectNode().put("name", "Admin's Personal Collection")
                .putNull("description").put("personal_owner_id", 1));
        store(databases, "database", JSON.createObjectNode().put("name", "Sample Database").put("engine", "h2")
                .put("is_sample", true).set("details", JSON.createObjectNode().put("db", "sample-database.db")));
        server.setDispatcher(this);
        server.start();
    }

    URI url() {
        return server.url("/").uri();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void forget() {
        requests.clear();
    }

    synchronized void failWhen(Predicate<Request> when, int status, String body) {
        faults.add(new Fault(when, new MockResponse.Builder().code(status).body(body).build()));
    }

    synchronized void heal() {
        faults.clear();
    }

    /** Answers the matching requests only after the given delay (a client with a shorter timeout gives up). */
    synchronized void hangWhen(Predicate<Request> when, long seconds) {
        faults.add(new Fault(when, new MockResponse.Builder().headersDelay(seconds, TimeUnit.SECONDS).body("{}").build()));
    }

    /** The cards as stored (dataset_query in MBQL 5), by id: a test may edit them as a person would. */
    synchronized Map<Long, ObjectNode> cards() {
        return cards;
    }

    synchronized Map<Long, ObjectNode> dashboards() {
        return dashboards;
    }

    synchronized Map<Long, ObjectNode> databases() {
        return databases;
    }

    synchronized Map<Long, ObjectNode> collections() {
        return collections;
    }

    /** The Trash's id: the collection_id GET gives for what was archived on its own. */
    long trash() {
        return trash;
    }

    /** A collection made by hand in Metabase (to move a card to). */
    synchronized long handMadeCollection(String name) {
        return store(collections, "collection", JSON.createObjectNode().put("name", name).putNull("description")).get("id").asLong();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest recorded) {
        String path = recorded.getUrl().encodedPath();
        String query = recorded.getUrl().encodedQuery();
        String text = recorded.getBody() == null ? "" : recorded.getBody().utf8();
        Request request = new Request(recorded.getMethod(), path, query, text.isEmpty() ? null : JSON.readTree(text));
        requests.add(request);
        for (Fault f : faults) {
            if (f.when().test(request)) {
                return f.response();
            }
        }
        clock = clock.plusSeconds(1);
        if (path.equals("/api/session/properties")) { // public, as in Metabase
            ObjectNode properties = JSON.createObjectNode().put("has-user-setup", setUp)
                    .put("setup-token", setUp ? null : "setup-token-1");
            properties.putObject("version").put("tag", version);
            return json(properties);
        }
        if (path.equals("/api/setup/") && request.method().equals("POST")) {
            if (setUp || !"setup-token-1".equals(request.body().path("token").asString())) {
                return status(403, "The /api/setup route can only be used to create the first user");
            }
            setUp = true;
            adminEmail = request.body().path("user").path("email").asString();
            adminPassword = request.body().path("user").path("password").asString();
            return json(JSON.createObjectNode().put("id", "session-1"));
        }
        if (path.equals("/api/session/") && request.method().equals("POST")) {
            boolean ok = setUp && adminEmail.equals(request.body().path("username").asString())
                    && adminPassword.equals(request.body().path("password").asString());
            return ok ? json(JSON.createObjectNode().put("id", "session-1")) : status(401, "Unauthenticated");
        }
        if (!setUp || !API_KEY.equals(recorded.getHeaders().get("x-api-key"))
                && !"session-1".equals(recorded.getHeaders().get("X-Metabase-Session"))) {
            return status(401, "Unauthenticated");
        }
        String[] parts = path.replaceAll("/$", "").split("/"); // "", "api", kind, id?, sub?
        String kind = parts.length > 2 ? parts[2] : "";
        String id = parts.length > 3 ? parts[3] : null;
        Map<String, List<String>> params = params(query);
        return switch (request.method() + " " + kind) {
            case "GET user" -> json(JSON.createObjectNode().put("id", 1).put("email", adminEmail).put("is_superuser", administrator));
            case "GET collection" -> id == null ? listCollections(flag(params, "archived")) : items(Long.parseLong(id), params);
            case "POST collection" -> json(store(collections, "collection", pick(request.body(), Set.of("name", "description",
                    "parent_id", "authority_level", "namespace"))));
            case "PUT collection" -> update(collections, id, pick(request.body(), Set.of("name", "description", "archived",
                    "parent_id", "authority_level")));
            case "GET database" -> json(JSON.createObjectNode().put("total", databases.size()).set("data", array(databases.values().stream()
                    .map(d -> {
                        ObjectNode copy = d.deepCopy();
                        if (copy.path("details").has("password")) { // src/metabase/warehouses/models/database.clj: hidden
                            ((ObjectNode) copy.get("details")).put("password", "**MetabasePass**");
                        }
                        return (JsonNode) copy;
                    }).toList())));
            case "POST database" -> json(store(databases, "database", (ObjectNode) request.body().deepCopy()));
            case "PUT database" -> {
                ObjectNode db = databases.get(Long.parseLong(id));
                ((ObjectNode) db.get("details")).setAll((ObjectNode) request.body().get("details"));
                yield json(db);
            }
            case "GET card" -> id == null ? listCards(params) : findCard(id)
                    .map(c -> json(inTrashIfArchivedDirectly(flag(params, "legacy-mbql") ? legacy(c) : c)))
                    .orElse(status(404, "Not found."));
            case "POST card" -> createCard(request.body());
            case "PUT card" -> updateCard(id, request.body());
            case "POST dashboard" -> {
                // src/metabase/dashboards_rest/api.clj POST: these fields of the request, the rest Metabase's own
                ObjectNode d = store(dashboards, "dashboard", pick(request.body(), Set.of("name", "description",
                        "parameters", "collection_id", "collection_position", "cache_ttl")));
                d.putArray("dashcards");
                d.putArray("tabs");
                d.put("width", "fixed").put("auto_apply_filters", true);
                d.set("parameters", parameters(d.path("parameters")));
                yield json(d);
            }
            case "GET dashboard" -> id == null ? listDashboards(params) : dashboards.containsKey(Long.parseLong(id))
                    ? json(inTrashIfArchivedDirectly(withDashcardCards(dashboards.get(Long.parseLong(id)))))
                    : status(404, "Not found.");
            case "PUT dashboard" -> updateDashboard(id, request.body());
            case "DELETE dashboard" -> {
                dashboards.remove(Long.parseLong(id));
                yield new MockResponse.Builder().code(204).build();
            }
            default -> status(404, "API endpoint does not exist.");
        };
    }

    /**
     * src/metabase/queries/models/card.clj create-card!: only these fields of the request are kept (data-keys), and
     * entity_id is generated (u/generate-nano-id): one sent is ignored. The query is stored as MBQL 5 since v0.57.
     */
    private MockResponse createCard(JsonNode body) {
        for (String required : List.of("name", "display", "dataset_query", "visualization_settings")) {
            if (!body.hasNonNull(required)) { // CardCreateSchema in src/metabase/queries_rest/api/card.clj
                return badRequest(required, "value must be a map or a non-blank string");
            }
        }
        ObjectNode card = pick(body, Set.of("dataset_query", "description", "display", "name", "visualization_settings",
                "parameters", "parameter_mappings", "collection_id", "collection_position", "cache_ttl", "type", "dashboard_id"));
        card.set("dataset_query", toMbql5(card.get("dataset_query")));
        card.set("visualization_settings", normalizedSettings(card.get("visualization_settings")));
        ObjectNode stored = store(cards, "card", card);
        stored.put("query_type", "native").put("database_id", body.path("dataset_query").path("database").asLong())
                .putNull("table_id").put("enable_embedding", false).put("archived_directly", false)
                .put("type", body.path("type").asString("question")).put("dashboard_count", 0);
        if (!stored.has("parameters")) {
            stored.putArray("parameters");
            stored.putArray("parameter_mappings");
        }
        // Metabase runs the query to describe its columns: a result_metadata the push never sent
        stored.putArray("result_metadata").addObject().put("name", "column").put("base_type", "type/Text");
        return json(stored);
    }

    /**
     * src/metabase/queries/models/card.clj update-card!: writes only the fields of the update schema (no entity_id);
     * archived also sets archived_directly (api/updates-with-archived-directly).
     */
    private MockResponse updateCard(String id, JsonNode body) {
        ObjectNode stored = cards.get(Long.parseLong(id));
        if (stored == null) {
            return status(404, "Not found.");
        }
        ObjectNode update = pick(body, Set.of("collection_id", "collection_position", "description", "cache_ttl",
                "dashboard_id", "embedding_type", "dataset_query", "display", "name", "visualization_settings", "archived",
                "enable_embedding", "embedding_params", "parameters", "parameter_mappings", "type", "result_metadata"));
        if (update.has("dataset_query")) {
            update.set("dataset_query", toMbql5(update.get("dataset_query")));
        }
        if (update.has("visualization_settings")) {
            update.set("visualization_settings", normalizedSettings(update.get("visualization_settings")));
        }
        archivedDirectly(stored, update);
        stored.setAll(update);
        stored.put("updated_at", clock.toString());
        return json(stored);
    }

    /**
     * src/metabase/api/common.clj updates-with-archived-directly: a change of archived sets archived_directly to it,
     * and a collection_id sent along with archived=true is thrown away (the item keeps its collection, shown in the
     * Trash).
     */
    private static void archivedDirectly(ObjectNode stored, ObjectNode update) {
        if (update.has("archived") && update.get("archived").asBoolean() != stored.path("archived").asBoolean()) {
            update.put("archived_directly", update.get("archived").asBoolean());
            if (update.get("archived").asBoolean()) {
                update.remove("collection_id");
            }
        }
    }

    /**
     * src/metabase/api/common.clj present-in-trash-if-archived-directly, applied by GET /api/card/:id and
     * GET /api/dashboard/:id: what was archived on its own is answered with the Trash's id as its collection_id
     * (the collection it came from stays stored, and is where it goes back when unarchived).
     */
    private ObjectNode inTrashIfArchivedDirectly(ObjectNode item) {
        if (!item.path("archived_directly").asBoolean()) {
            return item;
        }
        return item.deepCopy().put("collection_id", trash);
    }

    /**
     * GET /api/collection/ (src/metabase/collections_rest/api.clj select-collections): the Root Collection first
     * (its id is the string "root"), then the unarchived collections; the Trash only with archived=true, beside the
     * archived ones.
     */
    private MockResponse listCollections(boolean archived) {
        List<JsonNode> listed = new ArrayList<>();
        if (!archived) {
            listed.add(JSON.createObjectNode().put("id", "root").put("name", "Our analytics").putNull("description")
                    .put("can_write", true));
        }
        collections.values().stream().filter(c -> archived
                        ? c.path("archived").asBoolean() || c.get("id").asLong() == trash
                        : !c.path("archived").asBoolean() && c.get("id").asLong() != trash)
                .forEach(listed::add);
        return json(array(listed));
    }

    /** GET /api/card/?f=: src/metabase/queries_rest/db.clj, f=all the unarchived cards, f=archived the others. */
    private MockResponse listCards(Map<String, List<String>> params) {
        String f = params.getOrDefault("f", List.of("all")).get(0);
        if (!f.equals("all") && !f.equals("archived")) {
            return badRequest("f", "enum of all, mine, archived, ...");
        }
        return json(array(cards.values().stream().filter(c -> c.path("archived").asBoolean() == f.equals("archived"))
                .map(c -> (JsonNode) c).toList()));
    }

    /** A card by its id or its 21-character entity_id (GET /api/card/:id takes both). */
    private java.util.Optional<ObjectNode> findCard(String id) {
        return cards.values().stream().filter(c -> c.get("id").asString().equals(id) || c.path("entity_id").asString().equals(id))
                .findFirst();
    }

    /**
     * PUT /api/dashboard/:id (src/metabase/dashboards_rest/api.clj): the dashcards' schema, UpdatedDashboardCard, is a
     * closed map, refused here with a 400 when a dashcard has another key (the newest releases' request decoder drops
     * it silently instead: either way it is never stored); a negative id is a new dashcard, given an id of Metabase's;
     * a dashcard left out is removed. Parameters are normalised as on create.
     */
    private MockResponse updateDashboard(String id, JsonNode body) {
        ObjectNode stored = dashboards.get(Long.parseLong(id));
        if (stored == null) {
            return status(404, "Not found.");
        }
        ObjectNode update = pick(body, Set.of("name", "description", "parameters", "collection_id", "archived",
                "collection_position", "cache_ttl", "width", "auto_apply_filters", "points_of_interest", "caveats"));
        if (body.has("dashcards")) {
            ArrayNode dashcards = JSON.createArrayNode();
            Set<Long> ids = new HashSet<>();
            for (JsonNode dc : body.get("dashcards")) {
                for (String key : dc.propertyNames()) {
                    if (!DASHCARD_KEYS.contains(key)) {
                        return badRequest("dashcards", "disallowed key " + key);
                    }
                }
                for (String required : List.of("id", "size_x", "size_y", "row", "col")) {
                    if (!dc.hasNonNull(required)) {
                        return badRequest("dashcards", "missing required key " + required);
                    }
                }
                if (!ids.add(dc.get("id").asLong())) {
                    return badRequest("dashcards", "value must be seq of maps in which ids are unique");
                }
                ObjectNode kept = ((ObjectNode) dc.deepCopy());
                if (dc.get("id").asLong() < 0) {
                    kept.put("id", next("dashcard")).put("entity_id", nanoId()).put("created_at", clock.toString());
                } else {
                    JsonNode before = find(stored.path("dashcards"), dc.get("id").asLong());
                    if (before == null) {
                        return badRequest("dashcards", "dashcard " + dc.get("id") + " is not on this dashboard");
                    }
                    kept.put("entity_id", before.path("entity_id").asString()).put("created_at", before.path("created_at").asString());
                }
                kept.put("dashboard_id", stored.get("id").asLong()).put("updated_at", clock.toString());
                kept.set("visualization_settings", normalizedSettings(kept.path("visualization_settings")));
                kept.set("parameter_mappings", mappings(kept.path("parameter_mappings")));
                for (String absent : List.of("dashboard_tab_id", "action_id")) {
                    if (!kept.has(absent)) {
                        kept.putNull(absent);
                    }
                }
                if (!kept.has("series")) {
                    kept.putArray("series");
                }
                dashcards.add(kept);
            }
            update.set("dashcards", dashcards);
        }
        if (update.has("parameters")) {
            update.set("parameters", parameters(update.get("parameters")));
        }
        archivedDirectly(stored, update);
        stored.setAll(update);
        stored.put("updated_at", clock.toString());
        return json(withDashcardCards(stored));
    }

    private MockResponse listDashboards(Map<String, List<String>> params) {
        String f = params.getOrDefault("f", List.of("all")).get(0);
        return json(array(dashboards.values().stream().filter(d -> d.path("archived").asBoolean() == f.equals("archived"))
                .map(d -> (JsonNode) d).toList()));
    }

    /**
     * GET /api/collection/:id/items (src/metabase/collections_rest/api.clj): cards and dashboards with their name and
     * description but no query; archived=true lists the archived items instead of the others, and a card or dashboard
     * archived on its own (archived_directly) only in the Trash; the response is {total, data, models, limit, offset}.
     */
    private MockResponse items(long collection, Map<String, List<String>> params) {
        if (!collections.containsKey(collection)) {
            return status(404, "Not found.");
        }
        boolean archived = flag(params, "archived");
        List<String> models = params.getOrDefault("models", List.of("card", "dashboard"));
        List<JsonNode> items = new ArrayList<>();
        if (models.contains("card")) {
            cards.values().stream().filter(c -> c.path("collection_id").asLong() == collection
                            && c.path("archived").asBoolean() == archived && !c.path("archived_directly").asBoolean())
                    .forEach(c -> items.add(item(c, "card").put("display", c.path("display").asString())));
        }
        if (models.contains("dashboard")) {
            dashboards.values().stream().filter(d -> d.path("collection_id").asLong() == collection
                            && d.path("archived").asBoolean() == archived && !d.path("archived_directly").asBoolean())
                    .forEach(d -> items.add(item(d, "dashboard")));
        }
        ObjectNode page = JSON.createObjectNode().put("total", items.size());
        page.set("data", array(items));
        page.set("models", JSON.valueToTree(models));
        return json(page.putNull("limit").putNull("offset"));
    }

    private static ObjectNode item(ObjectNode stored, String model) {
        ObjectNode item = pick(stored, Set.of("id", "name", "description", "entity_id", "collection_position", "archived",
                "collection_id"));
        return item.put("model", model).put("can_write", true);
    }

    /** The dashboard as GET answers it: each dashcard with its card, those whose card is archived left out. */
    private ObjectNode withDashcardCards(ObjectNode dashboard) {
        ObjectNode copy = dashboard.deepCopy();
        ArrayNode shown = JSON.createArrayNode();
        for (JsonNode dc : dashboard.path("dashcards")) {
            ObjectNode card = dc.path("card_id").isNumber() ? cards.get(dc.get("card_id").asLong()) : null;
            if (card != null && card.path("archived").asBoolean()) {
                continue;
            }
            ObjectNode out = ((ObjectNode) dc.deepCopy());
            out.set("card", card == null ? JSON.nullNode() : card);
            shown.add(out);
        }
        copy.set("dashcards", shown);
        return copy;
    }

    /** src/metabase/lib/convert.cljc ->pMBQL: a legacy native query becomes one native stage. */
    private static JsonNode toMbql5(JsonNode query) {
        if (query == null || !"native".equals(query.path("type").asString(null))) {
            return query;
        }
        ObjectNode stage = JSON.createObjectNode().put("lib/type", "mbql.stage/native");
        stage.set("native", query.path("native").path("query"));
        stage.set("template-tags", query.path("native").path("template-tags"));
        ObjectNode mbql5 = JSON.createObjectNode().put("lib/type", "mbql/query").put("database", query.path("database").asLong());
        mbql5.putArray("stages").add(stage);
        return mbql5;
    }

    /**
     * The stored card as GET /api/card/:id?legacy-mbql=true gives it (src/metabase/queries_rest/api/card.clj,
     * lib/convert.cljc ->legacy-MBQL); without that flag, GET answers the query as stored, in MBQL 5.
     */
    static ObjectNode legacy(ObjectNode card) {
        ObjectNode copy = card.deepCopy();
        JsonNode q = card.path("dataset_query");
        if (q.has("stages")) {
            JsonNode stage = q.path("stages").get(0);
            ObjectNode native_ = JSON.createObjectNode();
            native_.set("query", stage.path("native"));
            native_.set("template-tags", stage.path("template-tags"));
            copy.set("dataset_query", JSON.createObjectNode().put("type", "native").put("database", q.path("database").asLong())
                    .set("native", native_));
        }
        return copy;
    }

    /**
     * src/metabase/models/interface.clj normalize-visualization-settings: column_settings keys are decoded and encoded
     * again (["name","X"] written compactly), table.columns entries lose their key.
     */
    private static JsonNode normalizedSettings(JsonNode settings) {
        if (settings == null || !settings.isObject()) {
            return settings == null ? JSON.createObjectNode() : settings;
        }
        ObjectNode copy = (ObjectNode) settings.deepCopy();
        if (copy.path("column_settings").isObject()) {
            ObjectNode columns = JSON.createObjectNode();
            copy.get("column_settings").properties().forEach(e -> columns.set(JSON.writeValueAsString(JSON.readTree(e.getKey())), e.getValue()));
            copy.set("column_settings", columns);
        }
        if (copy.path("table.columns").isArray()) {
            copy.get("table.columns").forEach(c -> ((ObjectNode) c).remove("key"));
        }
        return copy;
    }

    /**
     * src/metabase/parameters/schema.cljc normalize-parameters: values_source_config loses its nil entries and its
     * empty lists, nothing else (normalize-values-source-config); parameter mappings lose a card_id that is not a
     * positive integer.
     */
    private static JsonNode parameters(JsonNode parameters) {
        if (!parameters.isArray()) {
            return JSON.createArrayNode();
        }
        ArrayNode out = (ArrayNode) parameters.deepCopy();
        for (JsonNode p : out) {
            if (p.path("values_source_config").isObject()) {
                ObjectNode config = (ObjectNode) p.get("values_source_config");
                List<String> empty = config.properties().stream().filter(e -> e.getValue().isNull()
                        || e.getValue().isArray() && e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
                empty.forEach(config::remove);
            }
        }
        return out;
    }

    private static JsonNode mappings(JsonNode mappings) {
        ArrayNode out = mappings.isArray() ? (ArrayNode) mappings.deepCopy() : JSON.createArrayNode();
        out.forEach(m -> {
            if (!(m.path("card_id").isIntegralNumber() && m.path("card_id").asLong() > 0)) {
                ((ObjectNode) m).remove("card_id");
            }
        });
        return out;
    }

    /** A new row: the table's next id, a server-made entity_id (a sent one never survives), who and when. */
    private ObjectNode store(Map<Long, ObjectNode> table, String kind, ObjectNode fields) {
        ObjectNode stored = fields.put("id", next(kind)).put("entity_id", nanoId()).put("creator_id", 1)
                .put("created_at", clock.toString()).put("updated_at", clock.toString());
        if (!stored.has("archived")) {
            stored.put("archived", false);
        }
        if (!stored.has("collection_position")) {
            stored.putNull("collection_position");
        }
        table.put(stored.get("id").asLong(), stored);
        return stored;
    }

    private MockResponse update(Map<Long, ObjectNode> table, String id, ObjectNode update) {
        ObjectNode stored = table.get(Long.parseLong(id));
        if (stored == null) {
            return status(404, "Not found.");
        }
        stored.setAll(update);
        stored.put("updated_at", clock.toString());
        return json(stored);
    }

    private long next(String kind) {
        return sequences.merge(kind, 1L, Long::sum);
    }

    /** u/generate-nano-id: 21 characters of the URL-safe alphabet. */
    private String nanoId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            id.append(NANOID_ALPHABET.charAt(random.nextInt(NANOID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static ObjectNode pick(JsonNode body, Set<String> fields) {
        ObjectNode picked = JSON.createObjectNode();
        body.properties().stream().filter(e -> fields.contains(e.getKey())).forEach(e -> picked.set(e.getKey(), e.getValue().deepCopy()));
        return picked;
    }

    private static JsonNode find(JsonNode array, long id) {
        for (JsonNode n : array) {
            if (n.path("id").asLong() == id) {
                return n;
            }
        }
        return null;
    }

    private static boolean flag(Map<String, List<String>> params, String name) {
        return params.getOrDefault(name, List.of("false")).get(0).equals("true");
    }

    private static Map<String, List<String>> params(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static ArrayNode array(List<? extends JsonNode> nodes) {
        ArrayNode a = JSON.createArrayNode();
        nodes.forEach(a::add);
        return a;
    }

    private MockResponse json(JsonNode body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body)).build();
    }

    /** The shape of Metabase's 400 for a request that fails its schema (api/macros.clj decode-and-validate-params). */
    private MockResponse badRequest(String field, String error) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("errors").put(field, error);
        body.putObject("specific-errors").putArray(field).add(error);
        return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body)).build();
    }

    private static MockResponse status(int code, String message) {
        return new MockResponse.Builder().code(code).body(message).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
