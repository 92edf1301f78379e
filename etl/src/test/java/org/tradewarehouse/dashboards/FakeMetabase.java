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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A local HTTP server that plays the part of Metabase's REST API the push uses, keeping what it is sent in memory
 * the way Metabase does (ids given by the server, passwords hidden on reads, a card found by id or entity_id), and
 * recording every request. Failures can be planted on chosen requests.
 */
class FakeMetabase extends Dispatcher implements AutoCloseable {

    static final String API_KEY = "mb_test_key";
    static final JsonMapper JSON = JsonMapper.builder().build();

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
    private final Map<Long, ObjectNode> collections = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> databases = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> cards = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> dashboards = new LinkedHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private long nextId = 1;
    String version = "v0.58.8";
    /** false: a Metabase never set up, which has no account yet and hands out a setup token. */
    boolean setUp = true;
    boolean administrator = true;
    private String adminEmail = "admin@example.org";
    private String adminPassword = "s3cret";

    private record Fault(Predicate<Request> when, MockResponse response) {
    }

    FakeMetabase() throws IOException {
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

    synchronized Map<Long, ObjectNode> cards() {
        return cards;
    }

    synchronized Map<Long, ObjectNode> dashboards() {
        return dashboards;
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
        return switch (request.method() + " " + kind) {
            case "GET user" -> json(JSON.createObjectNode().put("email", adminEmail).put("is_superuser", administrator));
            case "GET collection" -> id == null ? json(array(collections.values()))
                    : json(JSON.createObjectNode().set("data", array(dashboards.values().stream()
                            .filter(d -> d.path("collection_id").asLong() == Long.parseLong(id) && !d.path("archived").asBoolean())
                            .map(d -> (JsonNode) JSON.createObjectNode().put("id", d.get("id").asLong()).put("model", "dashboard")
                                    .put("name", d.get("name").asString()).put("description", d.path("description").asString()))
                            .toList())));
            case "POST collection" -> json(store(collections, request.body()));
            case "PUT collection" -> update(collections, id, request.body());
            case "GET database" -> json(JSON.createObjectNode().set("data", array(databases.values().stream()
                    .map(d -> {
                        ObjectNode copy = d.deepCopy();
                        ((ObjectNode) copy.get("details")).put("password", "**MetabasePass**");
                        return (JsonNode) copy;
                    }).toList())));
            case "POST database" -> json(store(databases, request.body()));
            case "PUT database" -> {
                ObjectNode db = databases.get(Long.parseLong(id));
                ((ObjectNode) db.get("details")).setAll((ObjectNode) request.body().get("details"));
                yield json(db);
            }
            case "GET card" -> cards.values().stream()
                    .filter(c -> c.get("id").asString().equals(id) || c.path("entity_id").asString().equals(id))
                    .findFirst().map(this::json).orElse(status(404, "Not found."));
            case "POST card" -> json(store(cards, request.body()));
            case "PUT card" -> update(cards, id, request.body());
            case "POST dashboard" -> {
                ObjectNode d = store(dashboards, request.body());
                d.putArray("dashcards");
                yield json(d);
            }
            case "GET dashboard" -> dashboards.containsKey(Long.parseLong(id)) ? json(dashboards.get(Long.parseLong(id)))
                    : status(404, "Not found.");
            case "PUT dashboard" -> {
                ObjectNode body = (ObjectNode) request.body().deepCopy();
                if (body.has("dashcards")) {
                    for (JsonNode dc : body.get("dashcards")) {
                        if (dc.get("id").asLong() < 0) {
                            ((ObjectNode) dc).put("id", nextId++);
                        }
                    }
                }
                yield update(dashboards, id, body);
            }
            case "DELETE dashboard" -> {
                dashboards.remove(Long.parseLong(id));
                yield new MockResponse.Builder().code(204).build();
            }
            default -> status(404, "API endpoint does not exist.");
        };
    }

    private ObjectNode store(Map<Long, ObjectNode> table, JsonNode body) {
        ObjectNode stored = ((ObjectNode) body.deepCopy()).put("id", nextId++);
        if (!stored.has("archived")) {
            stored.put("archived", false);
        }
        table.put(stored.get("id").asLong(), stored);
        return stored;
    }

    private MockResponse update(Map<Long, ObjectNode> table, String id, JsonNode body) {
        ObjectNode stored = table.get(Long.parseLong(id));
        if (stored == null) {
            return status(404, "Not found.");
        }
        stored.setAll((ObjectNode) body);
        return json(stored);
    }

    private static ArrayNode array(Iterable<? extends JsonNode> nodes) {
        ArrayNode a = JSON.createArrayNode();
        nodes.forEach(a::add);
        return a;
    }

    private MockResponse json(JsonNode body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
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
