package org.tradewarehouse.cli;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.info.InfoEndpointAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.startup.StartupTimeMetricsListenerAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradewarehouse.TradeWarehouseApplication;
import org.tradewarehouse.rankings.MartsAfterUpgrade;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Starts the warehouse behind a command: database (external or embedded), schema migration, jobs. Only
 * {@code serve} starts a web server; every other command runs without one although Spring MVC is on the classpath.
 */
final class Warehouse {

    /**
     * Auto-configurations of the long-running mode's monitoring. The load and the fetch still count into a
     * plain in-memory meter registry (Spring Boot's fallback), which dies with the command.
     */
    private static final List<Class<?>> MONITORING = List.of(
            HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
            AvailabilityProbesAutoConfiguration.class, DiskSpaceHealthContributorAutoConfiguration.class,
            SslHealthContributorAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
            InfoEndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
            MetricsEndpointAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
            JvmMetricsAutoConfiguration.class, SystemMetricsAutoConfiguration.class,
            LogbackMetricsAutoConfiguration.class, SslMetricsAutoConfiguration.class,
            StartupTimeMetricsListenerAutoConfiguration.class, TaskExecutorMetricsAutoConfiguration.class,
            DataSourcePoolMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
            ScheduledTasksObservationAutoConfiguration.class, BatchObservationAutoConfiguration.class);

    private Warehouse() {
    }

    /**
     * For a command that does its work and exits (or, for {@code db}, waits): beans are created when the command first needs them (a
     * {@code status} never builds the page renderer or the download client), except the schema migration and the
     * rebuild of any marts it emptied, still run at start; and none of the long-running mode's monitoring (health,
     * Prometheus, JVM and pool metrics, observations) is set up, since no one could read it.
     */
    static ConfigurableApplicationContext start(String command) {
        return start(command, new SpringApplicationBuilder(TradeWarehouseApplication.class).web(WebApplicationType.NONE)
                .lazyInitialization(true)
                .initializers(context -> context.getBeanFactory().registerSingleton("schemaMigratedAtStart",
                        LazyInitializationExcludeFilter.forBeanTypes(SpringLiquibase.class, MartsAfterUpgrade.class)))
                .properties("spring.autoconfigure.exclude=" + MONITORING.stream().map(Class::getName)
                        .collect(Collectors.joining(","))));
    }

    /**
     * The long-running mode: the web server ({@code port} null keeps server.port, default 8080) and the scheduled
     * fetch, on unless TRADE_SCHEDULE_ENABLED=false.
     */
    static ConfigurableApplicationContext startWeb(Integer port) {
        var builder = new SpringApplicationBuilder(TradeWarehouseApplication.class).web(WebApplicationType.SERVLET)
                .properties("trade.schedule.enabled=true");
        if (port != null) {
            builder.properties("server.port=" + port);
        }
        return start("serve", builder);
    }

    /** command: the trade-etl command (load, serve...), named in the embedded PostgreSQL's record and connections. */
    private static ConfigurableApplicationContext start(String command, SpringApplicationBuilder builder) {
        try {
            return builder.properties("trade.command=" + command).run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not open the warehouse", e);
        }
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM). */
    static void awaitShutdown() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }
}
