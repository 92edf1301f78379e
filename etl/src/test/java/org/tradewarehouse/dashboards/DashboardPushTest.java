package org.tradewarehouse.dashboards;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The push against a local server playing Metabase: the exact requests of each case, and what Metabase then holds. */
class DashboardPushTest {

    static final Path PROJECT_DASHBOARDS = Path.of("..", "dashboards");
    static final WarehouseConnection WAREHOUSE = new WarehouseConnection("warehouse-db", 5432, "trade", "trade_reader", "pw");

    @TempDir
    Path dir;
    FakeMetabase metabase;
    List<Dashboard> dashboards;

    @BeforeEach
    void start() throws IOException {
        metabase = new FakeMetabase();
        copyDashboards(dir);
        dashboards = DashboardFiles.read(dir);
    }

    @AfterEach
    void stop() {
        metabase.close();
    }

    @Test
    void aFirstPushCreatesEverythingInOrderAndWiresEachDashboardInOneRequest() {
        List<Change> changes = push(dashboards);

        long collection = collectionId();
        List<String> expected = new ArrayList<>(List.of("GET /api/session/properties", "GET /api/user/current", "GET /api/collection/",
                "POST /api/collection/", "GET /api/database/", "POST /api/database/",
                // what earlier pushes made: none in the new collection, none elsewhere
                "GET /api/collection/" + collection + "/items", "GET /api/card/", "GET /api/card/", "GET /api/dashboard/",
                "GET /api/dashboard/"));
        for (Dashboard d : dashboards) {
            d.cards().forEach(c -> expected.add("POST /api/card/"));
            expected.addAll(List.of("POST /api/dashboard/", "PUT /api/dashboard/" + dashboardId(d)));
        }
        assertThat(lines()).containsExactlyElementsOf(expected);
        int cards = dashboards.stream().mapToInt(d -> d.cards().size()).sum();
        assertThat(changes).hasSize(2 + cards + dashboards.size()).allMatch(c -> c.action() == Change.Action.CREATE);
        assertThat(metabase.cards()).hasSize(cards);

        JsonNode database = body("POST /api/database/");
        assertThat(database.path("engine").asString()).isEqualTo("postgres");
        assertThat(database.path("details").path("user").asString()).isEqualTo("trade_reader");
        assertThat(database.path("details").path("host").asString()).isEqualTo("warehouse-db");

        // a card: its SQL file's text, a template tag per filter it uses, in our collection, on our database
        Dashboard fiche = dashboard("fiche-territoriale");
        Dashboard.Card sankey = fiche.cards().stream().filter(c -> c.key().equals("sankey-exportations")).findFirst().orElseThrow();
        JsonNode card = storedCard("fiche-territoriale/sankey-exportations");
        assertThat(card.path("dataset_query").path("native").path("query").asString())
                .isEqualTo(read(dir.resolve("sql/fiche/sankey-exportations.sql")));
        assertThat(card.path("dataset_query").path("database").asLong()).isEqualTo(databaseId()).isNotEqualTo(1); // 1: the sample
        assertThat(card.path("collection_id").asLong()).isEqualTo(collection);
        assertThat(card.path("display").asString()).isEqualTo("sankey");
        assertThat(card.path("dataset_query").path("native").path("template-tags").propertyNames())
                .containsExactlyInAnyOrder("territoire", "annee", "niveau");
        assertThat(card.path("dataset_query").path("native").path("template-tags").path("annee").path("type").asString())
                .isEqualTo("number");

        // the dashboard: every placed card and the text, each card's tags mapped to the dashboard's filters
        JsonNode dashboard = metabase.dashboards().get(dashboardId(fiche));
        long placed = fiche.cards().stream().filter(c -> c.position() != null).count();
        assertThat(dashboard.path("dashcards")).hasSize((int) placed + fiche.texts().size());
        JsonNode sankeyCard = find(dashboard.path("dashcards"), dc -> dc.path("card_id").asLong() == card.path("id").asLong());
        assertThat(sankeyCard.path("parameter_mappings")).hasSize(sankey.templateTags().size());
        assertThat(sankeyCard.path("parameter_mappings").get(0).path("target").toString())
                .isEqualTo("[\"variable\",[\"template-tag\",\"territoire\"]]");
        assertThat(dashboard.path("parameters")).hasSize(3);
        JsonNode territory = find(dashboard.path("parameters"), p -> p.path("slug").asString().equals("territoire"));
        assertThat(territory.path("values_source_config").path("card_id").asLong())
                .isEqualTo(storedCard("fiche-territoriale/territoires").path("id").asLong());
        assertThat(territory.path("default").get(0).asString()).isEqualTo("Haute-Vienne (87)");
        assertThat(find(dashboard.path("dashcards"), dc -> dc.path("card_id").isNull())
                .path("visualization_settings").path("text").asString()).contains("EMEBI");
    }

    @Test
    void aSecondPushWithNothingChangedOnlyReads() {
        push(dashboards);
        metabase.forget();

        List<Change> changes = push(dashboards);

        assertThat(metabase.requests()).noneMatch(FakeMetabase.Request::isWrite);
        assertThat(changes).isNotEmpty().allMatch(c -> c.action() == Change.Action.UNCHANGED);
    }

    @Test
    void aChangedCardQueryIsTheOnlyWrite() throws IOException {
        push(dashboards);
        Path sql = dir.resolve("sql/panorama/part-etats-unis.sql");
        Files.writeString(sql, read(sql).replace("order by 2 desc, t.code", "order by 2, t.code"));
        metabase.forget();

        List<Change> changes = push(DashboardFiles.read(dir));

        long id = storedCard("panorama/part-etats-unis").path("id").asLong();
        assertThat(metabase.requests().stream().filter(FakeMetabase.Request::isWrite).map(FakeMetabase.Request::line))
                .containsExactly("PUT /api/card/" + id);
        assertThat(storedCard("panorama/part-etats-unis").path("dataset_query").path("native").path("query").asString())
                .contains("order by 2, t.code");
        assertThat(changes).filteredOn(c -> c.action() != Change.Action.UNCHANGED)
                .extracting(Change::action, Change::kind, Change::key, Change::drift)
                .containsExactly(tuple(Change.Action.UPDATE, "card", "panorama/part-etats-unis", false));
    }

    @Test
    void aCardRenamedAndMovedByHandIsFoundByItsMarkerAndPutBack() {
        push(dashboards);
        long elsewhere = metabase.handMadeCollection("Brouillons");
        ObjectNode solde = cardHeld("panorama/solde");
        solde.put("name", "Solde (renommé à la main)").put("collection_id", elsewhere);
        metabase.forget();

        List<Change> plan = plan(dashboards);
        Change change = plan.stream().filter(c -> c.key().equals("panorama/solde")).findFirst().orElseThrow();
        assertThat(change.action()).isEqualTo(Change.Action.UPDATE);
        assertThat(change.drift()).isTrue();
        assertThat(change.fields()).containsExactly("name: \"Solde (renommé à la main)\" → \"" + card("panorama", "solde").name() + "\"",
                "collection_id: " + elsewhere + " → " + collectionId());
        assertThat(plan).filteredOn(c -> c != change).allMatch(c -> c.action() == Change.Action.UNCHANGED);
        metabase.forget();

        push(dashboards);

        assertThat(writes()).containsExactly("PUT /api/card/" + solde.path("id").asLong());
        assertThat(solde.path("name").asString()).isEqualTo(card("panorama", "solde").name());
        assertThat(solde.path("collection_id").asLong()).isEqualTo(collectionId());
        assertThat(metabase.cards()).hasSize(dashboards.stream().mapToInt(d -> d.cards().size()).sum());
        metabase.forget();
        push(dashboards);
        assertThat(writes()).isEmpty();
    }

    @Test
    void aCardArchivedByHandComesBackUnduplicated() {
        push(dashboards);
        ObjectNode kpi = cardHeld("fiche-territoriale/kpi-exportations");
        kpi.put("archived", true).put("archived_directly", true); // moved to the Trash in Metabase
        metabase.forget();

        List<Change> changes = push(dashboards);

        assertThat(writes()).containsExactly("PUT /api/card/" + kpi.path("id").asLong());
        assertThat(kpi.path("archived").asBoolean()).isFalse();
        assertThat(kpi.path("collection_id").asLong()).isEqualTo(collectionId());
        // Metabase answers a card archived on its own with the Trash as its collection
        assertThat(changes).filteredOn(Change::drift).extracting(Change::key, Change::fields)
                .containsExactly(tuple("fiche-territoriale/kpi-exportations", List.of("collection_id: " + metabase.trash()
                        + " → " + collectionId(), "archived: true → false")));
        metabase.forget();
        push(dashboards);
        assertThat(writes()).isEmpty();
    }

    @Test
    void aCardGoneFromTheFilesIsArchivedAfterTheDashboardNoLongerShowsIt() throws IOException {
        push(dashboards);
        long solde = cardHeld("panorama/solde").path("id").asLong();
        long panorama = dashboardId(dashboard("panorama"));
        Path yaml = dir.resolve("panorama.yaml");
        String text = read(yaml);
        Files.writeString(yaml, text.substring(0, text.indexOf("  - key: solde")));
        metabase.forget();

        List<Change> plan = plan(DashboardFiles.read(dir));
        assertThat(plan).filteredOn(c -> c.action() != Change.Action.UNCHANGED)
                .extracting(Change::action, Change::kind, Change::key)
                .containsExactly(tuple(Change.Action.UPDATE, "dashboard", "panorama"),
                        tuple(Change.Action.ARCHIVE, "card", "panorama/solde"));
        push(DashboardFiles.read(dir));

        assertThat(writes()).containsExactly("PUT /api/dashboard/" + panorama, "PUT /api/card/" + solde);
        assertThat(metabase.cards().get(solde).path("archived").asBoolean()).isTrue();
        assertThat(metabase.cards()).containsKey(solde); // archived, not deleted
        assertThat(metabase.dashboards().get(panorama).path("dashcards").findValues("card_id")).extracting(JsonNode::asLong)
                .doesNotContain(solde);
        metabase.forget();
        push(DashboardFiles.read(dir));
        assertThat(writes()).isEmpty();
    }

    @Test
    void aCardPlacedTwiceByHandIsToldAndRemoved() {
        push(dashboards);
        long id = dashboardId(dashboard("panorama"));
        ArrayNode dashcards = (ArrayNode) metabase.dashboards().get(id).get("dashcards");
        int placed = dashcards.size();
        ObjectNode copy = ((ObjectNode) dashcards.get(0).deepCopy()).put("id", 9000).put("row", 60);
        dashcards.add(copy);
        metabase.forget();

        Change change = plan(dashboards).stream().filter(c -> c.key().equals("panorama")).findFirst().orElseThrow();
        assertThat(change.drift()).isTrue();
        assertThat(change.fields()).singleElement().asString().startsWith("dashcards.classement (copy 2): {").endsWith("→ (none)");
        push(dashboards);

        assertThat(writes()).containsExactly("PUT /api/dashboard/" + id);
        assertThat(metabase.dashboards().get(id).path("dashcards")).hasSize(placed)
                .noneMatch(dc -> dc.path("id").asLong() == 9000);
    }

    @Test
    void cardsLeftByPushesFromBeforeTheMarkersAreArchived() {
        push(dashboards);
        ObjectNode old = cardHeld("panorama/classement").deepCopy();
        old.put("id", 900).put("description", "Requête : dashboards/sql/panorama/classement.sql")
                .put("name", "Classement des départements");
        metabase.cards().put(900L, old);
        metabase.forget();

        List<Change> changes = push(dashboards);

        assertThat(writes()).containsExactly("PUT /api/card/900");
        assertThat(changes).filteredOn(c -> c.action() == Change.Action.ARCHIVE).extracting(Change::key)
                .containsExactly("Classement des départements (left by an earlier push)");
    }

    @Test
    void aPlanShowsEachDifferingFieldTheSqlAsAUnifiedDiffAndTellsDriftFromChangedFiles() throws IOException {
        push(dashboards);
        Path sql = dir.resolve("sql/panorama/part-etats-unis.sql");
        Files.writeString(sql, read(sql).replace("order by 2 desc, t.code", "order by 2, t.code"));
        ObjectNode kpi = cardHeld("fiche-territoriale/kpi-importations");
        ((ObjectNode) kpi.get("visualization_settings")).put("card.title", "Importations à la main");
        metabase.forget();

        List<Change> plan = plan(DashboardFiles.read(dir));

        assertThat(writes()).isEmpty();
        Change share = plan.stream().filter(c -> c.key().equals("panorama/part-etats-unis")).findFirst().orElseThrow();
        assertThat(share.drift()).isFalse();
        assertThat(share.fields()).containsExactly("dataset_query.native.query:", "  --- Metabase", "  +++ files",
                "  @@ -6,5 +6,5 @@", "   left join mart.partner_ranking us on us.geo = t.geo and us.year = {{annee}} and us.country = 'US'",
                "   where t.level = 'departement'", "  -order by 2 desc, t.code", "  +order by 2, t.code", "   limit 20", "   ");
        Change importations = plan.stream().filter(c -> c.key().equals("fiche-territoriale/kpi-importations")).findFirst().orElseThrow();
        assertThat(importations.drift()).isTrue();
        assertThat(importations.fields()).containsExactly("visualization_settings.card.title: \"Importations à la main\" → (none)");
        assertThat(importations.describe()).startsWith("update    card       fiche-territoriale/kpi-importations   (changed in"
                + " Metabase since the last push: the push puts the files' version back)\n      visualization_settings.card.title:");
    }

    @Test
    void aPlanReadsOnlyAndSaysWhatAPushWouldDo() {
        List<Change> plan = new DashboardPush(client(Duration.ofSeconds(5)), "Commerce extérieur", "Entrepôt", WAREHOUSE)
                .plan(dashboards);

        assertThat(metabase.requests()).noneMatch(FakeMetabase.Request::isWrite);
        assertThat(plan).allMatch(c -> c.action() == Change.Action.CREATE);
        assertThat(plan).isEqualTo(push(dashboards));
    }

    @Test
    void aCardMovedOnTheDashboardUpdatesTheDashboardOnly() throws IOException {
        push(dashboards);
        Path yaml = dir.resolve("panorama.yaml");
        Files.writeString(yaml, read(yaml).replace("position: {row: 12, col: 12, width: 12, height: 13}",
                "position: {row: 28, col: 0, width: 24, height: 10}"));
        metabase.forget();

        push(DashboardFiles.read(dir));

        long id = dashboardId(dashboard("panorama"));
        assertThat(metabase.requests().stream().filter(FakeMetabase.Request::isWrite).map(FakeMetabase.Request::line))
                .containsExactly("PUT /api/dashboard/" + id);
        JsonNode dashcards = metabase.dashboards().get(id).path("dashcards");
        assertThat(dashcards).hasSize(3);
        assertThat(dashcards.findValues("id")).doesNotContainNull().allMatch(n -> n.asLong() > 0);
    }

    @Test
    void refusedCredentialsStopTheFirstRequestAndChangeNothing() {
        MetabaseClient wrongKey = new MetabaseClient(metabase.url(), new MetabaseCredentials("wrong", null, null), Duration.ofSeconds(5));

        assertThatThrownBy(() -> new DashboardPush(wrongKey, "C", "D", WAREHOUSE).push(dashboards))
                .isInstanceOf(MetabaseException.class)
                .hasMessage("GET /api/user/current: Metabase refused the credentials (401); check METABASE_API_KEY"
                        + " (an API key of a member of the Administrators group)");
        assertThat(lines()).containsExactly("GET /api/session/properties", "GET /api/user/current");
    }

    @Test
    void aSessionIsOpenedWithUserAndPassword() {
        MetabaseClient user = new MetabaseClient(metabase.url(), new MetabaseCredentials(null, "admin@example.org", "s3cret"),
                Duration.ofSeconds(5));
        new DashboardPush(user, "C", "D", WAREHOUSE).push(dashboards);

        assertThat(lines().subList(0, 3)).containsExactly("GET /api/session/properties", "POST /api/session/", "GET /api/user/current");
        assertThat(lines()).filteredOn(l -> l.equals("POST /api/session/")).hasSize(1);

        MetabaseClient wrong = new MetabaseClient(metabase.url(), new MetabaseCredentials(null, "admin@example.org", "nope"),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> new DashboardPush(wrong, "C", "D", WAREHOUSE).push(dashboards))
                .hasMessageStartingWith("POST /api/session/: Metabase refused the login (401)");
    }

    @Test
    void aMetabaseNeverSetUpGetsItsAdministratorFromTheUserAndPassword() throws IOException {
        metabase.setUp = false;
        MetabaseClient user = new MetabaseClient(metabase.url(), new MetabaseCredentials(null, "ops@example.org", "Long-pass-2026"),
                Duration.ofSeconds(5));

        new DashboardPush(user, "Commerce extérieur", "D", WAREHOUSE).push(dashboards);

        assertThat(lines().subList(0, 3)).containsExactly("GET /api/session/properties", "POST /api/setup/", "GET /api/user/current");
        JsonNode setup = body("POST /api/setup/");
        assertThat(setup.path("token").asString()).isEqualTo("setup-token-1");
        assertThat(setup.path("user").path("email").asString()).isEqualTo("ops@example.org");
        assertThat(metabase.dashboards()).hasSize(dashboards.size());

        try (FakeMetabase other = new FakeMetabase()) {
            other.setUp = false;
            MetabaseClient key = new MetabaseClient(other.url(), new MetabaseCredentials("k", null, null), Duration.ofSeconds(5));
            assertThatThrownBy(() -> new DashboardPush(key, "C", "D", WAREHOUSE).push(dashboards))
                    .hasMessageEndingWith("is not set up yet: create its administrator on its welcome page, or set"
                            + " METABASE_USER and METABASE_PASSWORD so that the push creates it");
        }
    }

    @Test
    void anAccountThatIsNotAnAdministratorIsRefusedBeforeAnyWrite() {
        metabase.administrator = false;

        assertThatThrownBy(() -> push(dashboards)).hasMessage("the Metabase account admin@example.org is not an"
                + " administrator: it cannot create the warehouse connection; nothing was changed");
        assertThat(metabase.requests()).noneMatch(FakeMetabase.Request::isWrite);
    }

    @Test
    void anAddressThatIsNotMetabaseGives404() {
        MetabaseClient elsewhere = new MetabaseClient(metabase.url().resolve("/not-metabase"),
                new MetabaseCredentials(FakeMetabase.API_KEY, null, null), Duration.ofSeconds(5));
        metabase.failWhen(r -> true, 404, "<html>Not Found</html>");

        assertThatThrownBy(() -> new DashboardPush(elsewhere, "C", "D", WAREHOUSE).push(dashboards))
                .hasMessage("GET /api/session/properties: Metabase answered 404 (not found): is this a Metabase v0.57"
                        + " or newer at the right address?");
    }

    @Test
    void aServerErrorOnACardStopsBeforeAnyDashboardIsTouched() {
        metabase.failWhen(r -> r.line().equals("POST /api/card/") && r.body().path("description").asString()
                .contains("[trade-warehouse:fiche-territoriale/kpi-importations "), 500, "{\"message\":\"database is locked\"}");

        assertThatThrownBy(() -> push(dashboards)).isInstanceOf(MetabaseException.class)
                .hasMessage("POST /api/card/: Metabase answered 500: {\"message\":\"database is locked\"}");
        assertThat(lines()).noneMatch(l -> l.matches("(POST|PUT|DELETE) /api/dashboard.*|GET /api/dashboard/[0-9]+"));

        metabase.heal();
        push(dashboards); // the next push finishes the job and creates each card once
        assertThat(metabase.cards()).hasSize(dashboards.stream().mapToInt(d -> d.cards().size()).sum());
    }

    @Test
    void aNewDashboardThatCannotBeWiredIsRemovedAgain() {
        metabase.failWhen(r -> r.method().equals("PUT") && r.path().startsWith("/api/dashboard/"), 500, "boom");

        assertThatThrownBy(() -> push(dashboards)).isInstanceOf(MetabaseException.class)
                .hasMessageEndingWith("(the new dashboard was removed again)");
        List<String> lines = lines();
        assertThat(lines.subList(lines.size() - 2, lines.size()).get(1)).startsWith("DELETE /api/dashboard/");
        assertThat(metabase.dashboards()).isEmpty();
    }

    @Test
    void aMetabaseThatDoesNotAnswerInTimeIsReported() {
        metabase.hangWhen(r -> r.path().equals("/api/session/properties"), 3);

        assertThatThrownBy(() -> new DashboardPush(client(Duration.ofSeconds(1)), "C", "D", WAREHOUSE).push(dashboards))
                .hasMessage("GET /api/session/properties: Metabase at " + metabase.url() + " did not answer within 1 s");
    }

    @Test
    void aMetabaseTooOldForTheTreemapOrTheApiIsRefusedBeforeAnyWrite() {
        metabase.version = "v0.62.4";

        assertThatThrownBy(() -> push(dashboards))
                .hasMessage("Metabase v0.62.4 is too old for card fiche-territoriale/produits-importations (treemap chart):"
                        + " it needs v0.63 or newer; nothing was changed");
        assertThat(lines()).containsExactly("GET /api/session/properties");

        metabase.version = "v0.56.9";
        assertThatThrownBy(() -> push(List.of(dashboard("panorama"))))
                .hasMessage("Metabase v0.56.9 is too old: the push needs v0.57 or newer; nothing was changed");
        assertThat(metabase.requests()).noneMatch(FakeMetabase.Request::isWrite);
    }

    @Test
    void aMetabaseThatIsNotRunningIsReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MetabaseClient nobody = new MetabaseClient(URI.create("http://localhost:" + port),
                new MetabaseCredentials(FakeMetabase.API_KEY, null, null), Duration.ofSeconds(2));

        assertThatThrownBy(() -> new DashboardPush(nobody, "C", "D", WAREHOUSE).push(dashboards))
                .hasMessage("cannot reach Metabase at http://localhost:" + port + "/ (ConnectException)");
    }

    List<Change> push(List<Dashboard> what) {
        return new DashboardPush(client(Duration.ofSeconds(5)), "Commerce extérieur", "Entrepôt", WAREHOUSE).push(what);
    }

    List<Change> plan(List<Dashboard> what) {
        return new DashboardPush(client(Duration.ofSeconds(5)), "Commerce extérieur", "Entrepôt", WAREHOUSE).plan(what);
    }

    List<String> writes() {
        return metabase.requests().stream().filter(FakeMetabase.Request::isWrite).map(FakeMetabase.Request::line).toList();
    }

    /** The card as the stand-in stores it: what a person's edits in Metabase change. */
    ObjectNode cardHeld(String key) {
        return metabase.cards().get(storedCard(key).path("id").asLong());
    }

    MetabaseClient client(Duration timeout) {
        return new MetabaseClient(metabase.url(), new MetabaseCredentials(FakeMetabase.API_KEY, null, null), timeout);
    }

    List<String> lines() {
        return metabase.requests().stream().map(FakeMetabase.Request::line).toList();
    }

    JsonNode body(String line) {
        return metabase.requests().stream().filter(r -> r.line().equals(line)).findFirst().orElseThrow().body();
    }

    /** A card as Metabase holds it, found by our marker, its query in the legacy form the push sends. */
    JsonNode storedCard(String key) {
        return FakeMetabase.legacy(metabase.cards().values().stream()
                .filter(c -> Markers.find(c.path("description").asString()).map(Markers.Found::key).orElse("").equals(key))
                .findFirst().orElseThrow());
    }

    long dashboardId(Dashboard d) {
        return metabase.dashboards().values().stream()
                .filter(x -> Markers.find(x.path("description").asString()).map(Markers.Found::key).orElse("").equals(d.key()))
                .findFirst().orElseThrow().path("id").asLong();
    }

    long collectionId() {
        return metabase.collections().values().stream()
                .filter(c -> Markers.find(c.path("description").asString(null)).isPresent())
                .findFirst().orElseThrow().path("id").asLong();
    }

    long databaseId() {
        return metabase.databases().values().stream().filter(d -> d.path("name").asString().equals("Entrepôt"))
                .findFirst().orElseThrow().path("id").asLong();
    }

    Dashboard.Card card(String dashboard, String key) {
        return dashboard(dashboard).cards().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }

    Dashboard dashboard(String key) {
        return dashboards.stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    }

    static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        throw new AssertionError("not found in " + array);
    }

    static void copyDashboards(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT_DASHBOARDS)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(PROJECT_DASHBOARDS.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
