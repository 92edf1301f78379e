package org.tradewarehouse.schedule;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.TradeWarehouseApplication;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What monitoring sees, read from the beans the actuator serves: the freshness health check (DOWN before any
 * load, UP after one, DOWN again once it is older than trade.schedule.max-age) and the load metrics; the
 * Prometheus registry and the timed passes of the long-running mode, in a context configured like it.
 */
@SpringBootTest
@ActiveProfiles("test")
class MonitoringFunctionalTest {

    static final Path FILES = Path.of("target", "test-files", UUID.randomUUID().toString());

    @DynamicPropertySource
    static void schedule(DynamicPropertyRegistry registry) {
        registry.add("trade.schedule.inbox", () -> FILES.resolve("inbox").toString());
    }

    @Autowired
    SchedulePass pass;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    HealthContributorRegistry health;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationContext context;

    @Test
    void freshnessHealthAndLoadMetrics() throws Exception {
        TestWarehouse.reset(jdbc);
        assertThat(health.getContributor("db")).isInstanceOf(HealthIndicator.class);
        assertThat(freshness().getStatus()).isEqualTo(Status.DOWN);
        assertThat(freshness().getDetails()).containsEntry("reason", "no load has succeeded yet");
        assertThat(meters.get("trade.load.last.success").timeGauge().value(TimeUnit.SECONDS)).isNaN();

        Path zip = ScheduledFetchFunctionalTest.sample(FILES.resolve("sample"), 2024L);
        RawRows raw = RawRows.of(List.of(zip));
        Files.copy(zip, Files.createDirectories(FILES.resolve("inbox")).resolve("export.zip"));
        Files.writeString(FILES.resolve("inbox/rejects.txt"), "E;3;2024;87;09;C21Z;2120;US;12x;5\r\nE;3;2024;87;09;C21Z;2120;DE;7;5\r\n");
        double loadedBefore = meters.get("trade.load.rows.loaded").counter().count();
        double rejectedBefore = meters.get("trade.load.rows.rejected").counter().count();

        List<SourceCheck> decisions = pass.run();

        assertThat(decisions).extracting(d -> d.decision().label).containsExactly("loaded", "failed");
        assertThat(meters.get("trade.load.rows.loaded").counter().count() - loadedBefore).isEqualTo(raw.count());
        assertThat(meters.get("trade.load.rows.rejected").counter().count() - rejectedBefore).isEqualTo(1.0);
        assertThat(meters.get("trade.load.duration").tag("status", "PUBLISHED").timer().count()).isEqualTo(1);
        assertThat(meters.get("trade.load.duration").tag("status", "REJECTED").timer().count()).isEqualTo(1);
        assertThat(meters.get("trade.schedule.checks").tag("decision", "loaded").counter().count()).isEqualTo(1.0);
        double publishedAt = jdbc.queryForObject("select extract(epoch from published_at)::float8 from dw.load", Double.class);
        assertThat(meters.get("trade.load.last.success").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(publishedAt);
        assertThat(freshness().getStatus()).isEqualTo(Status.UP);
        assertThat(freshness().getDetails()).containsEntry("loadId", decisions.get(0).loadId());

        jdbc.update("update dw.load set published_at = now() - interval '101 days'"); // max-age is 100 days
        assertThat(freshness().getStatus()).isEqualTo(Status.DOWN);
        assertThat(freshness().getDetails()).containsEntry("reason", "the last successful load is older than 100 days");
    }

    @Test
    void theTimedPassesRunOnlyWhenEnabledAndMetricsAreServedForPrometheus() {
        assertThat(context.getBeansOfType(ScheduledFetch.class)).isEmpty();
        assertThat(context.getBeansOfType(ScheduledTaskHolder.class)).isEmpty();
        try (var serve = new SpringApplicationBuilder(TradeWarehouseApplication.class).web(WebApplicationType.NONE)
                .profiles("test")
                .properties("trade.schedule.enabled=true") // as the long-running mode switches it on
                .run("--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                        "--spring.datasource.username=postgres", "--trade.schedule.cron=0 30 5 * * *")) {
            assertThat(serve.getBeansOfType(ScheduledFetch.class)).hasSize(1);
            assertThat(serve.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                    .flatMap(h -> h.getScheduledTasks().stream()).map(t -> t.getTask())
                    .filter(t -> t instanceof CronTask).map(t -> ((CronTask) t).getExpression()))
                    .containsExactly("0 30 5 * * *");
            String scrape = serve.getBean(PrometheusMeterRegistry.class).scrape();
            assertThat(scrape).contains("trade_load_rows_loaded_total", "trade_load_last_success_seconds");
        }
    }

    private org.springframework.boot.health.contributor.Health freshness() {
        return ((HealthIndicator) health.getContributor("loadFreshness")).health();
    }
}
