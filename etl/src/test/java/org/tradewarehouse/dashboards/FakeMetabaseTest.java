package org.tradewarehouse.dashboards;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in is no kinder than Metabase where the push relies on it (each behaviour's source is cited in it). */
class FakeMetabaseTest {

    FakeMetabase metabase;
    MetabaseClient client;

    @BeforeEach
    void start() throws IOException {
        metabase = new FakeMetabase();
        client = new MetabaseClient(metabase.url(), new MetabaseCredentials(FakeMetabase.API_KEY, null, null), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        metabase.close();
    }

    @Test
    void aCardGetsItsEntityIdFromTheServerAndItsQueryBackInMbql5UnlessAskedForTheLegacyForm() {
        JsonNode created = client.post("/api/card/", card().put("entity_id", "abcdefghijklmnopqrstu"));

        String id = created.path("id").asString();
        assertThat(created.path("entity_id").asString()).hasSize(21).isNotEqualTo("abcdefghijklmnopqrstu");
        assertThat(created.path("created_at").isString()).isTrue();
        assertThat(created.path("creator_id").asLong()).isPositive();
        assertThat(created.path("result_metadata").isArray()).isTrue();
        assertThat(client.find("/api/card/abcdefghijklmnopqrstu")).isEmpty();
        JsonNode mbql5 = client.get("/api/card/" + id).path("dataset_query");
        assertThat(mbql5.path("lib/type").asString()).isEqualTo("mbql/query");
        assertThat(mbql5.path("stages").get(0).path("native").asString()).isEqualTo("select 1 as \"Un\" -- {{annee}}");
        assertThat(mbql5.has("native")).isFalse();
        JsonNode legacy = client.get("/api/card/" + id + "?legacy-mbql=true").path("dataset_query");
        assertThat(legacy.path("native").path("query").asString()).isEqualTo("select 1 as \"Un\" -- {{annee}}");
        assertThat(legacy.path("native").path("template-tags").path("annee").path("type").asString()).isEqualTo("number");

        client.put("/api/card/" + id, JSON().createObjectNode().put("entity_id", "abcdefghijklmnopqrstu").put("name", "Deux"));
        assertThat(client.get("/api/card/" + id).path("entity_id").asString()).isEqualTo(created.path("entity_id").asString());
    }

    @Test
    void aDashcardWithAKeyOutsideItsSchemaIsRefusedAndParametersLoseEmptyEntries() {
        long card = client.post("/api/card/", card()).path("id").asLong();
        ObjectNode dashboard = JSON().createObjectNode().put("name", "D");
        ObjectNode parameter = dashboard.putArray("parameters").addObject().put("id", "p1").put("slug", "annee")
                .put("type", "number/=").put("values_source_type", "static-list");
        parameter.putObject("values_source_config").putNull("card_id").putArray("values");
        long id = client.post("/api/dashboard/", dashboard).path("id").asLong();
        assertThat(client.get("/api/dashboard/" + id).path("parameters").get(0).path("values_source_config").isEmpty()).isTrue();

        ObjectNode wiring = JSON().createObjectNode();
        wiring.putArray("dashcards").addObject().put("id", -1).put("card_id", card).put("row", 0).put("col", 0)
                .put("size_x", 4).put("size_y", 4).put("position", 1);
        assertThatThrownBy(() -> client.put("/api/dashboard/" + id, wiring)).hasMessageContaining("answered 400");

        ((ObjectNode) wiring.get("dashcards").get(0)).remove("position");
        JsonNode wired = client.put("/api/dashboard/" + id, wiring).path("dashcards").get(0);
        assertThat(wired.path("id").asLong()).isPositive();
        assertThat(wired.path("dashboard_id").asLong()).isEqualTo(id);
        assertThat(wired.path("card").path("id").asLong()).isEqualTo(card);
    }

    @Test
    void aCardArchivedOnItsOwnLeavesItsCollectionsItemsAndAllCardsButIsAmongTheArchived() {
        long collection = client.post("/api/collection/", JSON().createObjectNode().put("name", "C")).path("id").asLong();
        long card = client.post("/api/card/", card().put("collection_id", collection)).path("id").asLong();
        assertThat(client.get("/api/collection/" + collection + "/items?models=card").path("data"))
                .extracting(c -> c.path("id").asLong()).containsExactly(card);

        client.put("/api/card/" + card, JSON().createObjectNode().put("archived", true));

        assertThat(client.get("/api/collection/" + collection + "/items?models=card&archived=false").path("data")).isEmpty();
        assertThat(client.get("/api/collection/" + collection + "/items?models=card&archived=true").path("data")).isEmpty();
        assertThat(client.get("/api/card/?f=all")).isEmpty();
        assertThat(client.get("/api/card/?f=archived")).extracting(c -> c.path("id").asLong()).containsExactly(card);
        // shown in the Trash, while it keeps its collection to go back to
        assertThat(client.get("/api/card/" + card).path("collection_id").asLong()).isEqualTo(metabase.trash());
        client.put("/api/card/" + card, JSON().createObjectNode().put("archived", false));
        assertThat(client.get("/api/card/" + card).path("collection_id").asLong()).isEqualTo(collection);
        assertThat(client.get("/api/collection/" + collection + "/items?models=card").path("data")).hasSize(1);
    }

    @Test
    void theCollectionsListStartsWithTheRootAndLeavesTheTrashToTheArchived() {
        JsonNode listed = client.get("/api/collection/?archived=false");

        assertThat(listed.get(0).path("id").asString()).isEqualTo("root");
        assertThat(listed).extracting(c -> c.path("id").asString()).doesNotContain(String.valueOf(metabase.trash()));
        assertThat(client.get("/api/collection/?archived=true")).extracting(c -> c.path("id").asLong())
                .containsExactly(metabase.trash());
    }

    private static ObjectNode card() {
        ObjectNode card = JSON().createObjectNode().put("name", "Un").put("display", "scalar");
        card.putObject("visualization_settings");
        ObjectNode query = card.putObject("dataset_query").put("type", "native").put("database", 1);
        ObjectNode nativeQuery = query.putObject("native").put("query", "select 1 as \"Un\" -- {{annee}}");
        nativeQuery.putObject("template-tags").putObject("annee").put("id", "t1").put("name", "annee")
                .put("display-name", "Année").put("type", "number");
        return card;
    }

    private static tools.jackson.databind.json.JsonMapper JSON() {
        return FakeMetabase.JSON;
    }
}
