package org.tradewarehouse.schedule;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.TradeWarehouseApplication;
import org.tradewarehouse.schedule.SourceCheck.Decision;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schedulers on one database, each with its own Spring context and connection pool as two instances would
 * have: while one pass is running (held in its download by the site), the other loads nothing and records every
 * source as skipped; the first then loads the publication once, with exact totals.
 */
@SpringBootTest
@ActiveProfiles("test")
class TwoSchedulersFunctionalTest {

    static final Path FILES = Path.of("target", "test-files", UUID.randomUUID().toString());
    static final FakeCustomsSite SITE = ScheduledFetchFunctionalTest.start(FakeCustomsSite::new);

    @DynamicPropertySource
    static void schedule(DynamicPropertyRegistry registry) {
        registry.add("trade.schedule.sources", () -> SITE.url().toString());
        registry.add("trade.schedule.archive", () -> FILES.resolve("archive-1").toString());
        registry.add("trade.schedule.request-timeout", () -> "60s"); // the site holds the first pass's request
    }

    @Autowired
    SchedulePass pass;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @AfterAll
    static void stop() {
        SITE.close();
    }

    @Test
    void whileOnePassRunsTheOtherSkipsAndExactlyOneLoads() throws Exception {
        TestWarehouse.reset(jdbc);
        Path publication = ScheduledFetchFunctionalTest.sample(FILES.resolve("site"), 2024L);
        RawRows raw = RawRows.of(List.of(publication));
        SITE.publish(publication, "\"v1\"", "Tue, 14 Jan 2025 08:00:00 GMT");

        try (var other = new SpringApplicationBuilder(TradeWarehouseApplication.class).web(WebApplicationType.NONE)
                .profiles("test")
                .run("--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--trade.schedule.sources=" + SITE.url(),
                        "--trade.schedule.request-timeout=60s",
                        "--trade.schedule.archive=" + FILES.resolve("archive-2"))) {
            SITE.hold();
            CompletableFuture<List<SourceCheck>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return pass.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SITE.awaitFirstRequest(); // the first pass holds the database's fetch lock and waits for the site

            List<SourceCheck> second = other.getBean(SchedulePass.class).run();
            SITE.release();
            List<SourceCheck> firstDecisions = first.get(5, TimeUnit.MINUTES);

            assertThat(second).extracting(SourceCheck::decision).containsExactly(Decision.SKIPPED_BUSY);
            assertThat(second.get(0).reason()).startsWith("skipped: another load is running");
            assertThat(firstDecisions).extracting(SourceCheck::decision).containsExactly(Decision.LOADED);
            assertThat(SITE.requests()).hasSize(1); // the skipped pass did not even download
        }
        assertThat(jdbc.queryForList("select decision from dw.source_check order by check_id", String.class))
                .containsExactly("skipped-busy", "loaded");
        assertThat(jdbc.queryForObject("select count(*) from batch.batch_job_execution", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade", Long.class))
                .isEqualTo(raw.euros(f -> "all").get("all"));
    }
}
