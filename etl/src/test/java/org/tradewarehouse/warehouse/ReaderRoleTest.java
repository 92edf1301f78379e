package org.tradewarehouse.warehouse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import org.tradewarehouse.ingest.LoadService;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connects as the dashboards' read-only role and proves what it can and cannot do. */
@SpringBootTest(properties = "trade.reader.password=reader-test-password")
@ActiveProfiles("test")
class ReaderRoleTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LoadService loads;

    @BeforeEach
    void loadSomething() throws Exception {
        TestWarehouse.reset(jdbc);
        loads.load(SamplePublication.write(Files.createTempDirectory("reader"), SamplePublication.Options.defaults()).zips(), false);
    }

    @Test
    void readsTheMartsAndTheDimensionsOnly() throws SQLException {
        try (Connection reader = DriverManager.getConnection(TestWarehouse.jdbcUrlAs(dataSource, ReaderRole.ROLE),
                ReaderRole.ROLE, "reader-test-password")) {
            assertThat(count(reader, "select count(*) from mart.geo_total")).isPositive();
            assertThat(count(reader, "select count(*) from mart.sankey_link")).isPositive();
            assertThat(count(reader, "select count(*) from mart.territory")).isPositive();
            for (String dim : List.of("dim_time", "dim_geography", "dim_product", "dim_partner_country")) {
                assertThat(count(reader, "select count(*) from dw." + dim)).isPositive();
            }
            for (String forbidden : List.of("select count(*) from dw.fact_trade", "select count(*) from dw.load",
                    "select count(*) from staging.dim_key", "select count(*) from staging.reject",
                    "select count(*) from batch.batch_job_instance",
                    "update dw.dim_product set cpf4_label = 'x'", "delete from dw.dim_time",
                    "insert into dw.dim_partner_country (code, label, eu27, known) values ('XX', 'x', false, false)",
                    "create table public.reader_was_here (x int)", "delete from mart.geo_total")) {
                assertThatThrownBy(() -> reader.createStatement().execute(forbidden)).as(forbidden)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501")); // insufficient_privilege
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
