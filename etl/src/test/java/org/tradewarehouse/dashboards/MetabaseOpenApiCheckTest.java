package org.tradewarehouse.dashboards;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the push sends, in every scenario of {@link DashboardPushTest} (first push with a session, second
 * push, changed card, moved card, renamed collection, moved database, plan, a card renamed and moved or archived by
 * hand, a card gone from the files, a dashboard removed after a failed wiring), checked against the OpenAPI description of Metabase's API: the path and method exist, path and query
 * parameters and the JSON body validate against their schemas. Runs when -Dtrade.metabase.openapi names the spec.
 */
@EnabledIfSystemProperty(named = "trade.metabase.openapi", matches = ".+")
class MetabaseOpenApiCheckTest {

    private static final String SPEC_URI = "https://metabase.invalid/openapi.json";
    private static final WarehouseConnection WAREHOUSE = DashboardPushTest.WAREHOUSE;

    @TempDir
    Path dir;

    @Test
    void everyRequestOfThePushIsValidForMetabasesApi() throws IOException {
        // Metabase writes its schemas' "or" as oneOf, though its branches overlap (one of them, a parameter's
        // "dimension" target, is {} and matches anything): read as the anyOf it means.
        String specText = Files.readString(Path.of(System.getProperty("trade.metabase.openapi")))
                .replace("\"oneOf\"", "\"anyOf\"");
        JsonNode spec = FakeMetabase.JSON.readTree(specText);
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(SPEC_URI, specText)));
        DashboardPushTest.copyDashboards(dir);
        List<FakeMetabase.Request> sent = new ArrayList<>();

        try (FakeMetabase metabase = new FakeMetabase()) {
            metabase.setUp = false; // the first push creates the administrator
            MetabaseClient session = new MetabaseClient(metabase.url(),
                    new MetabaseCredentials(null, "admin@example.org", "s3cret"), Duration.ofSeconds(5));
            DashboardPush push = new DashboardPush(session, "Commerce extérieur", "Entrepôt", WAREHOUSE);
            push.push(DashboardFiles.read(dir));
            push.plan(DashboardFiles.read(dir));
            new DashboardPush(new MetabaseClient(metabase.url(), new MetabaseCredentials(null, "admin@example.org", "s3cret"),
                    Duration.ofSeconds(5)), "Commerce extérieur", "Entrepôt", WAREHOUSE).push(DashboardFiles.read(dir));
            Files.writeString(dir.resolve("sql/panorama/solde.sql"), "select 1 as \"Solde\" -- {{annee}}\n");
            Path yaml = dir.resolve("panorama.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("{row: 12, col: 12,", "{row: 40, col: 12,"));
            push.push(DashboardFiles.read(dir));
            new DashboardPush(session, "Commerce extérieur (archives)", "Entrepôt",
                    new WarehouseConnection("db2", 5433, "trade", "trade_reader", "pw2")).push(DashboardFiles.read(dir));
            // a card moved and renamed, another archived by hand, a third gone from the files
            List<ObjectNode> cards = List.copyOf(metabase.cards().values());
            cards.get(1).put("name", "renommée").put("collection_id", metabase.handMadeCollection("Brouillons"));
            cards.get(2).put("archived", true).put("archived_directly", true);
            String text = Files.readString(yaml);
            Files.writeString(yaml, text.substring(0, text.indexOf("  - key: solde")));
            push.plan(DashboardFiles.read(dir));
            push.push(DashboardFiles.read(dir));
            sent.addAll(metabase.requests());
        }
        try (FakeMetabase metabase = new FakeMetabase()) {
            metabase.failWhen(r -> r.method().equals("PUT") && r.path().startsWith("/api/dashboard/"), 500, "boom");
            MetabaseClient key = new MetabaseClient(metabase.url(), new MetabaseCredentials(FakeMetabase.API_KEY, null, null),
                    Duration.ofSeconds(5));
            try {
                new DashboardPush(key, "C", "D", WAREHOUSE).push(DashboardFiles.read(dir));
            } catch (MetabaseException expected) {
                // the new dashboard is deleted again: that DELETE is checked too
            }
            sent.addAll(metabase.requests());
        }

        Set<String> kinds = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (FakeMetabase.Request r : sent) {
            kinds.add(r.method() + " " + r.path().replaceAll("/[0-9]+(?=/|$)", "/{id}")
                    + (r.isWrite() && r.body() != null && r.body().path("archived").asBoolean(false) ? " (archive)" : ""));
            problems.addAll(check(spec, schemas, r));
        }
        assertThat(problems).isEmpty();
        assertThat(kinds).contains("POST /api/setup/", "GET /api/user/current", "POST /api/session/", "GET /api/session/properties", "POST /api/collection/",
                "PUT /api/collection/{id}", "POST /api/database/", "PUT /api/database/{id}", "GET /api/card/{id}",
                "POST /api/card/", "PUT /api/card/{id}", "POST /api/dashboard/", "PUT /api/dashboard/{id}",
                "GET /api/dashboard/{id}", "GET /api/collection/{id}/items", "DELETE /api/dashboard/{id}", "GET /api/card/",
                "GET /api/dashboard/", "PUT /api/card/{id} (archive)");
    }

    private static List<String> check(JsonNode spec, SchemaRegistry schemas, FakeMetabase.Request r) {
        String method = r.method().toLowerCase();
        Map.Entry<String, Map<String, String>> path = matchPath(spec, method, r.path());
        if (path == null) {
            return List.of(r.line() + ": no such path and method in Metabase's API");
        }
        String pointer = "/paths/" + escape(path.getKey()) + "/" + method;
        JsonNode operation = spec.at(pointer);
        List<String> problems = new ArrayList<>();
        Map<String, String> query = query(r.query());
        JsonNode parameters = operation.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode p = parameters.get(i);
            String name = p.path("name").asString();
            String in = p.path("in").asString();
            String value = in.equals("path") ? path.getValue().get(name) : in.equals("query") ? query.remove(name) : null;
            if (value == null) {
                if (p.path("required").asBoolean(false) && !in.equals("header")) {
                    problems.add(r.line() + ": required " + in + " parameter " + name + " missing");
                }
                continue;
            }
            // a query parameter whose schema allows an array (models=dashboard) is sent as a one-element array
            JsonNode node = p.path("schema").toString().contains("\"array\"")
                    ? FakeMetabase.JSON.createArrayNode().add(scalar(value)) : scalar(value);
            problems.addAll(validate(schemas, pointer + "/parameters/" + i + "/schema", node, r.line() + " " + in + " " + name));
        }
        query.keySet().forEach(q -> problems.add(r.line() + ": query parameter " + q + " is not in Metabase's API"));
        if (r.body() != null) {
            String body = pointer + "/requestBody/content/application~1json/schema";
            if (spec.at(body).isMissingNode()) {
                problems.add(r.line() + ": Metabase's API takes no JSON body here");
            } else {
                problems.addAll(validate(schemas, body, r.body(), r.line() + " body"));
            }
        }
        return problems;
    }

    private static List<String> validate(SchemaRegistry schemas, String pointer, JsonNode value, String what) {
        Schema schema = schemas.getSchema(SchemaLocation.of(SPEC_URI + "#" + pointer));
        List<Error> errors = schema.validate(value);
        return errors.stream().map(e -> what + ": " + e).toList();
    }

    /** The spec path (literal segments preferred over parameters) with the values of its path parameters. */
    private static Map.Entry<String, Map<String, String>> matchPath(JsonNode spec, String method, String path) {
        List<Map.Entry<String, Map<String, String>>> matches = new ArrayList<>();
        for (String template : spec.path("paths").propertyNames()) {
            if (!spec.path("paths").path(template).has(method)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            Matcher p = Pattern.compile(regex.toString()).matcher(path);
            if (p.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), p.group(i + 1));
                }
                matches.add(Map.entry(template, values));
            }
        }
        return matches.stream().min(Comparator.comparingInt(e -> e.getValue().size())).orElse(null);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static JsonNode scalar(String value) {
        if (value.equals("true") || value.equals("false")) {
            return FakeMetabase.JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        if (value.matches("-?[0-9]{1,18}")) {
            return FakeMetabase.JSON.getNodeFactory().numberNode(Long.parseLong(value));
        }
        return FakeMetabase.JSON.getNodeFactory().stringNode(value);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
