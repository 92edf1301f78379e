package org.tradewarehouse.deploy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment file, read without a Docker engine: its services, pinned images, health checks, volumes, start
 * order, and every variable it uses documented in .env.example with no secret written in the file itself.
 */
class ComposeFileTest {

    static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    static final Path ENV_EXAMPLE = Path.of("..", ".env.example");

    final JsonNode compose = read();
    final JsonNode services = compose.path("services");

    @Test
    void theDeploymentHasItsFiveServices() {
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("warehouse-db", "etl", "metabase-db", "metabase",
                "dashboards-push");
        assertThat(services.path("etl").path("command").get(0).asString()).isEqualTo("serve");
        assertThat(services.path("dashboards-push").path("command").toString())
                .isEqualTo("[\"dashboards\",\"push\",\"--metabase-url\",\"http://metabase:3000\"]");
        assertThat(services.path("dashboards-push").path("restart").asString()).isEqualTo("no");
    }

    @Test
    void everyImageIsPinnedAndMetabaseHasTheTreemap() {
        for (String name : services.propertyNames()) {
            String image = services.path(name).path("image").asString();
            assertThat(image).as(name).matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
        }
        Matcher version = Pattern.compile("metabase/metabase:v0\\.(\\d+)\\.\\d+(\\.\\d+)?").matcher(services.path("metabase").path("image").asString());
        assertThat(version.matches()).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(63);
        String tag = services.path("metabase").path("image").asString().substring("metabase/metabase:".length());
        for (String doc : List.of("README.md", ".env.example", "dashboards/README.md")) { // the docs say what is pinned
            assertThat(Path.of("..", doc)).as(doc).content().contains(tag);
        }
        assertThat(services.path("warehouse-db").path("image").asString()).startsWith("postgres:17");
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndThePushWaitsForThem() {
        for (String name : List.of("warehouse-db", "etl", "metabase-db", "metabase")) {
            assertThat(services.path(name).path("healthcheck").path("test").isArray()).as(name).isTrue();
        }
        assertThat(services.path("dashboards-push").path("depends_on").path("metabase").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(services.path("dashboards-push").path("depends_on").path("etl").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(services.path("etl").path("depends_on").path("warehouse-db").path("condition").asString())
                .isEqualTo("service_healthy");
        assertThat(services.path("metabase").path("depends_on").path("metabase-db").path("condition").asString())
                .isEqualTo("service_healthy");
    }

    @Test
    void dataLivesInNamedVolumes() {
        Set<String> declared = new HashSet<>(compose.path("volumes").propertyNames());
        Set<String> used = new TreeSet<>();
        for (JsonNode service : services) {
            for (JsonNode v : service.path("volumes")) {
                used.add(v.asString().split(":")[0]);
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(declared).containsAll(used).contains("warehouse-data", "metabase-data");
    }

    @Test
    void everyVariableIsDocumentedAndNoSecretIsWrittenInTheFile() throws IOException {
        String text = Files.readString(COMPOSE);
        // $${X} is the container's own variable, not one of the file's
        Set<String> used = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(text).results().map(r -> r.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = Files.readAllLines(ENV_EXAMPLE).stream().filter(l -> l.matches("[A-Z0-9_]+=.*"))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
        assertThat(used).isNotEmpty();
        assertThat(documented).containsAll(used);
        for (String name : services.propertyNames()) {
            for (Map.Entry<String, JsonNode> e : services.path(name).path("environment").properties()) {
                if (e.getKey().matches(".*(PASSWORD|PASS|API_KEY|SECRET).*")) {
                    assertThat(e.getValue().asString()).as(name + " " + e.getKey()).startsWith("${");
                }
            }
        }
    }

    private static JsonNode read() {
        try {
            return YAMLMapper.builder().build().readTree(Files.readString(COMPOSE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
