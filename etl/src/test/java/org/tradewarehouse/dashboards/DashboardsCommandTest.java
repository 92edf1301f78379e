package org.tradewarehouse.dashboards;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradewarehouse.cli.TradeEtl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `trade-etl dashboards push|plan` as operators run it: in its own JVM, credentials from the environment. */
class DashboardsCommandTest {

    FakeMetabase metabase;

    @BeforeEach
    void start() throws IOException {
        metabase = new FakeMetabase();
    }

    @AfterEach
    void stop() {
        metabase.close();
    }

    record Run(int exit, String out, String err) {
    }

    @Test
    void pushThenPushAgainThenPlan() throws Exception {
        Map<String, String> env = Map.of("METABASE_API_KEY", FakeMetabase.API_KEY, "TRADE_READER_PASSWORD", "pw",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://warehouse-db:5432/trade");

        List<Dashboard> bundled = DashboardFiles.bundled();
        int things = 2 + bundled.stream().mapToInt(d -> d.cards().size()).sum() + bundled.size(); // collection, connection
        Run first = run(env, "push");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("create    card       fiche-territoriale/kpi-exportations")
                .contains("create    database   Entrepôt commerce extérieur (trade_reader@warehouse-db:5432/trade)")
                .containsPattern("Metabase at .*: " + things + " change\\(s\\) made, 0 thing\\(s\\) already up to date");

        Run second = run(env, "push");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("0 change(s) made, " + things + " thing(s) already up to date");
        for (String doc : List.of("README.md", "dashboards/README.md")) { // the docs say what the two pushes print
            assertThat(Path.of("..", doc)).as(doc).content().contains(things + " change(s) made, 0 thing(s) already up to date")
                    .contains("0 change(s) made, " + things + " thing(s) already up to date");
        }

        Run plan = run(env, "plan");
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("unchanged dashboard  panorama").contains("0 change(s) to make");

        metabase.cards().values().stream().filter(c -> c.path("description").asString().contains("[trade-warehouse:panorama/solde "))
                .findFirst().orElseThrow().put("name", "Soldes");
        metabase.forget();
        Run drift = run(env, "plan");
        assertThat(drift.out()).contains("update    card       panorama/solde   (changed in Metabase since the last push: the"
                        + " push puts the files' version back)\n      name: \"Soldes\" → \"")
                .contains("1 change(s) to make, " + (things - 1) + " thing(s) up to date; 1 changed by hand in Metabase since"
                        + " the last push (drift) would be put back");
        assertThat(metabase.requests()).noneMatch(FakeMetabase.Request::isWrite);
    }

    @Test
    void refusedCredentialsAreOneLineAndExitCode1() throws Exception {
        Run run = run(Map.of("METABASE_API_KEY", "wrong", "TRADE_READER_PASSWORD", "pw"), "push");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: GET /api/user/current: Metabase refused the credentials (401);"
                + " check METABASE_API_KEY (an API key of a member of the Administrators group)");
        assertThat(metabase.requests()).noneMatch(FakeMetabase.Request::isWrite);
    }

    @Test
    void missingCredentialsAreSaidBeforeAnyRequest() throws Exception {
        Run run = run(Map.of("TRADE_READER_PASSWORD", "pw"), "push");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: no Metabase credentials: set METABASE_API_KEY, or METABASE_USER and"
                + " METABASE_PASSWORD, in the environment");
        assertThat(metabase.requests()).isEmpty();
    }

    Run run(Map<String, String> env, String action) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TradeEtl.class.getName(), "dashboards", action,
                "--metabase-url", metabase.url().toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("METABASE_") || k.startsWith("TRADE_") || k.startsWith("SPRING_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }
}
