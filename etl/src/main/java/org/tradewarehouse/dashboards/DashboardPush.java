package org.tradewarehouse.dashboards;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Makes Metabase hold the dashboards stored as code: the collection, the warehouse connection, every card and every
 * dashboard with its filters wired to the cards. Each thing is found again by the marker of its description (Metabase
 * keeps descriptions as sent, while it makes every id itself) and written only when what Metabase holds differs from
 * the files, so a second push with nothing changed writes nothing. Cards are all written before any dashboard, and a
 * dashboard's cards and filters are wired in one request: a failure never leaves a dashboard half-wired. What carries
 * our marker but is gone from the files is archived, never deleted.
 */
public class DashboardPush {

    static final String COLLECTION_KEY = "collection";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MetabaseClient metabase;
    private final String collectionName;
    private final String databaseName;
    private final WarehouseConnection warehouse;

    public DashboardPush(MetabaseClient metabase, String collectionName, String databaseName, WarehouseConnection warehouse) {
        this.metabase = metabase;
        this.collectionName = collectionName;
        this.databaseName = databaseName;
        this.warehouse = warehouse;
    }

    /** What a push would create, update, archive or leave, field by field, from reads only. */
    public List<Change> plan(List<Dashboard> dashboards) {
        return new Run(false).over(dashboards);
    }

    public List<Change> push(List<Dashboard> dashboards) {
        return new Run(true).over(dashboards);
    }

    /** One plan or push: what it has found and decided so far. */
    private final class Run {
        private final boolean apply;
        private final List<Change> changes = new ArrayList<>();

        Run(boolean apply) {
            this.apply = apply;
        }

        List<Change> over(List<Dashboard> dashboards) {
            JsonNode properties = metabase.properties();
            MetabaseVersion version = MetabaseVersion.of(properties);
            dashboards.forEach(d -> d.cards().forEach(c -> version.require(c.display(), d.key() + "/" + c.key())));
            version.requireSupported();
            if (!properties.path("has-user-setup").asBoolean(true)) {
                if (!apply) {
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
            Set<String> cardKeys = new LinkedHashSet<>();
            dashboards.forEach(d -> d.cards().forEach(c -> cardKeys.add(cardKey(d, c))));
            Set<String> dashboardKeys = new LinkedHashSet<>(dashboards.stream().map(Dashboard::key).toList());
            Owned owned = Owned.find(metabase, collection, cardKeys, dashboardKeys);
            for (Dashboard d : dashboards) {
                Map<String, Long> cardIds = new HashMap<>();
                for (Dashboard.Card c : d.cards()) {
                    cardIds.put(c.key(), card(d, c, collection, database, owned.card(cardKey(d, c))));
                }
                dashboard(d, collection, cardIds, owned.dashboard(d.key()));
            }
            // last, once no dashboard shows them any more
            owned.noLongerDefined(cardKeys, dashboardKeys).forEach(this::archive);
            return List.copyOf(changes);
        }

        private long collection() {
            JsonNode all = metabase.get("/api/collection/?archived=false&exclude-other-user-collections=false&personal-only=false");
            ObjectNode wanted = JSON.createObjectNode().put("name", collectionName)
                    .put("description", Markers.describe("Tableaux de bord du commerce extérieur, tenus à jour depuis les"
                            + " fichiers du dossier dashboards/ de trade-warehouse : une modification faite ici sera"
                            + " remplacée au prochain envoi.", COLLECTION_KEY, null));
            Optional<JsonNode> found = stream(all)
                    .filter(c -> !c.path("archived").asBoolean(false))
                    .filter(c -> Markers.find(c.path("description").asString(null))
                            .filter(m -> m.key().equals(COLLECTION_KEY)).isPresent())
                    .findFirst();
            if (found.isEmpty()) {
                return create("collection", collectionName, "/api/collection/", wanted);
            }
            long id = found.get().path("id").asLong();
            ObjectNode actual = JSON.createObjectNode().put("name", found.get().path("name").asString(null))
                    .put("description", found.get().path("description").asString(null));
            ensure("collection", collectionName, actual, wanted, "/api/collection/" + id, wanted.deepCopy().put("archived", false));
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
            String key = databaseName + " (" + warehouse + ")";
            if (found.isEmpty()) {
                return create("database", key, "/api/database/", JSON.createObjectNode()
                        .put("name", databaseName).put("engine", "postgres").set("details", withPassword)
                        .put("is_full_sync", true).put("is_on_demand", false).put("connection_source", "admin"));
            }
            long id = found.get().path("id").asLong();
            // Metabase adds details of its own and hides the password: the address is compared, and the password
            // sent again whenever it changes.
            ObjectNode actual = JSON.createObjectNode().put("engine", found.get().path("engine").asString(null));
            ObjectNode actualDetails = actual.putObject("details");
            details.propertyNames().forEach(f -> actualDetails.set(f, found.get().path("details").get(f)));
            ensure("database", key, actual, JSON.createObjectNode().put("engine", "postgres").set("details", details),
                    "/api/database/" + id, JSON.createObjectNode().set("details", withPassword));
            return id;
        }

        private long card(Dashboard d, Dashboard.Card c, long collection, long database, Optional<Owned.Item> found) {
            String key = cardKey(d, c);
            ObjectNode tags = JSON.createObjectNode();
            for (String tag : c.templateTags()) {
                Dashboard.Parameter p = parameter(d, tag);
                tags.set(tag, JSON.createObjectNode().put("id", Markers.templateTagId(key, tag)).put("name", tag)
                        .put("display-name", p.name()).put("type", p.isNumber() ? "number" : "text").put("required", true)
                        .set("default", JSON.valueToTree(p.defaultValue())));
            }
            ObjectNode wanted = JSON.createObjectNode().put("name", c.name()).put("display", c.display())
                    .put("collection_id", collection)
                    .put("description", "Requête : dashboards/" + c.sql() + ". Tenue à jour par trade-warehouse"
                            + " (dashboards push) : une modification faite ici sera remplacée au prochain envoi.");
            wanted.set("dataset_query", JSON.createObjectNode().put("type", "native").put("database", database)
                    .set("native", JSON.createObjectNode().put("query", c.query()).set("template-tags", tags)));
            wanted.set("visualization_settings", JSON.valueToTree(c.visualization()));
            if (found.isEmpty()) {
                return create("card", key, "/api/card/", sent(wanted, key));
            }
            long id = found.get().id();
            JsonNode actual = metabase.get("/api/card/" + id + "?legacy-mbql=true"); // as sent: MBQL 5 otherwise
            if (record("card", found.get(), cardFields(actual), wanted, actual.path("archived").asBoolean(false)) && apply) {
                metabase.put("/api/card/" + id, sent(wanted, key).put("archived", false)); // archived by hand: it comes back
            }
            return id;
        }

        private void dashboard(Dashboard d, long collection, Map<String, Long> cardIds, Optional<Owned.Item> found) {
            ObjectNode wanted = JSON.createObjectNode().put("name", d.name()).put("collection_id", collection)
                    .put("description", (d.description() == null ? "" : d.description() + "\n\n")
                            + "Tenu à jour par trade-warehouse (dashboards push) depuis dashboards/" + d.key() + ".yaml.");
            wanted.set("parameters", parameters(d, cardIds));
            Map<String, ObjectNode> dashcards = Dashcards.wanted(d, cardIds);
            wanted.set("dashcards", Dashcards.keyed(dashcards));
            if (found.isEmpty()) {
                ObjectNode body = sent(wanted, d.key());
                body.remove("dashcards");
                long id = create("dashboard", d.key(), "/api/dashboard/", body);
                if (apply) {
                    wire(id, body, Dashcards.withIds(dashcards, JSON.createArrayNode(), d, cardIds), true);
                }
                return;
            }
            JsonNode actual = metabase.get("/api/dashboard/" + found.get().id());
            ObjectNode fields = dashboardFields(actual);
            fields.set("dashcards", Dashcards.keyed(Dashcards.held(actual.path("dashcards"), d, cardIds)));
            if (record("dashboard", found.get(), fields, wanted, actual.path("archived").asBoolean(false)) && apply) {
                ObjectNode body = sent(wanted, d.key()).put("archived", false);
                body.remove("dashcards");
                wire(found.get().id(), body, Dashcards.withIds(dashcards, actual.path("dashcards"), d, cardIds), false);
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

        private void archive(Owned.Item item) {
            changes.add(new Change(Change.Action.ARCHIVE, item.model(), item.key()));
            if (apply) {
                metabase.put("/api/" + item.model() + "/" + item.id(), JSON.createObjectNode().put("archived", true));
            }
        }

        private ArrayNode parameters(Dashboard d, Map<String, Long> cardIds) {
            ArrayNode parameters = JSON.createArrayNode();
            for (Dashboard.Parameter p : d.parameters()) {
                ObjectNode param = parameters.addObject().put("id", Markers.parameterId(d.key(), p.key()))
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

        /** Creates the thing (or, in a plan, notes that it would): its id, or -1 in a plan. */
        private long create(String kind, String key, String path, ObjectNode body) {
            changes.add(new Change(Change.Action.CREATE, kind, key));
            return apply ? metabase.post(path, body).path("id").asLong() : -1;
        }

        /** For what has no marker digest (the collection, the connection): updated when it differs, no drift told. */
        private void ensure(String kind, String key, ObjectNode actual, ObjectNode wanted, String path, ObjectNode update) {
            if (Canonical.same(actual, wanted)) {
                changes.add(new Change(Change.Action.UNCHANGED, kind, key));
                return;
            }
            changes.add(new Change(Change.Action.UPDATE, kind, key, FieldDiff.between(actual, wanted), false));
            if (apply) {
                metabase.put(path, update);
            }
        }

        /**
         * Notes whether the thing changes, with the differing fields, and whether Metabase's version is not the
         * last push's (drift: its digest is no longer the marker's): true when it must be written.
         */
        private boolean record(String kind, Owned.Item found, ObjectNode actual, ObjectNode wanted, boolean archived) {
            String digest = Canonical.digest(wanted);
            if (Canonical.same(actual, wanted) && !archived && digest.equals(found.digest())) {
                changes.add(new Change(Change.Action.UNCHANGED, kind, found.key()));
                return false;
            }
            List<String> fields = new ArrayList<>(FieldDiff.between(actual, wanted));
            if (archived) {
                fields.add("archived: true → false");
            }
            if (fields.isEmpty()) {
                fields.add("marker: digest of the last push " + found.digest() + " → " + digest);
            }
            boolean drift = archived || found.digest() != null && !found.digest().equals(Canonical.digest(actual));
            changes.add(new Change(Change.Action.UPDATE, kind, found.key(), fields, drift));
            return true;
        }
    }

    /** What is sent: the fields, the description ending with the marker and the digest of those fields. */
    private static ObjectNode sent(ObjectNode wanted, String key) {
        return wanted.deepCopy().put("description", Markers.describe(wanted.path("description").asString(), key,
                Canonical.digest(wanted)));
    }

    /** A card as Metabase holds it (asked with ?legacy-mbql=true), in the form the push sends: nothing Metabase adds. */
    static ObjectNode cardFields(JsonNode card) {
        ObjectNode fields = JSON.createObjectNode();
        fields.set("name", card.path("name"));
        fields.set("display", card.path("display"));
        fields.set("collection_id", card.path("collection_id"));
        fields.put("description", Markers.text(card.path("description").asString(null)));
        JsonNode query = card.path("dataset_query");
        ObjectNode tags = JSON.createObjectNode();
        query.path("native").path("template-tags").properties().forEach(t -> {
            ObjectNode tag = tags.putObject(t.getKey());
            for (String f : List.of("id", "name", "display-name", "type", "required", "default")) {
                tag.set(f, t.getValue().path(f));
            }
        });
        fields.set("dataset_query", JSON.createObjectNode().put("type", query.path("type").asString(null))
                .set("database", query.path("database"))
                .set("native", JSON.createObjectNode().set("query", query.path("native").path("query")).set("template-tags", tags)));
        fields.set("visualization_settings", card.path("visualization_settings"));
        return fields;
    }

    private static ObjectNode dashboardFields(JsonNode dashboard) {
        ObjectNode fields = JSON.createObjectNode();
        fields.set("name", dashboard.path("name"));
        fields.set("collection_id", dashboard.path("collection_id"));
        fields.put("description", Markers.text(dashboard.path("description").asString(null)));
        fields.set("parameters", dashboard.path("parameters"));
        return fields;
    }

    private static String cardKey(Dashboard d, Dashboard.Card c) {
        return d.key() + "/" + c.key();
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

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
