package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.TestWarehouse;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sums of a load's slices, made in the background from its staged lines, and their check against the slices. */
@SpringBootTest
@ActiveProfiles("test")
class SliceSumsTest {

    private static final long LOAD = 4242;

    @Autowired
    DataSource dataSource;
    @Autowired
    DSLContext dsl;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void stageThreeLines() {
        TestWarehouse.reset(jdbc);
        jdbc.update("insert into staging.trade_row (load_id, flow, time_key, dep_code, cpf4, country, value_eur, mass_kg) values"
                + " (?, 'E', 20241, '87', '2120', 'US', 100, 1), (?, 'E', 20241, '87', '2120', 'DE', 30, 1),"
                + " (?, 'E', 20241, '87', '1011', 'US', 5, 1), (?, 'I', 20242, '19', '1011', 'US', 7, 1)", LOAD, LOAD, LOAD, LOAD);
    }

    @Test
    void sumsEachSlicePerDepartementAndCountryAndPerDepartementAndCpf4() {
        try (SliceSums sums = SliceSums.start(dataSource, LOAD, "16MB")) {
            sums.awaitChecked(dsl, List.of(new FactSlices.Slice('E', 20241, 3, 135), new FactSlices.Slice('I', 20242, 1, 7)));
        }

        assertThat(TestWarehouse.sums(jdbc, "select time_key || flow || ':' || dep_code || ':' || coalesce(country, '') || ':'"
                + " || coalesce(cpf4, '') || ':' || lines, value_eur from staging.slice_sum where load_id = ?", LOAD))
                .isEqualTo(Map.of("20241E:87:US::2", 105L, "20241E:87:DE::1", 30L, "20241E:87::2120:2", 130L,
                        "20241E:87::1011:1", 5L, "20242I:19:US::1", 7L, "20242I:19::1011:1", 7L));
    }

    @Test
    void failsWhenTheSumsDoNotCountEveryStagedEuro() {
        try (SliceSums sums = SliceSums.start(dataSource, LOAD, "16MB")) {
            assertThatThrownBy(() -> sums.awaitChecked(dsl, List.of(new FactSlices.Slice('E', 20241, 3, 136),
                    new FactSlices.Slice('I', 20242, 1, 7))))
                    .hasMessage("the sums of slice 2024-T1 E of load 4242 count 3 lines and 135 euros,"
                            + " but 3 lines and 136 euros were staged");
        }
    }

    @Test
    void summingAgainReplacesTheSumsOfAnEarlierAttempt() {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (SliceSums sums = SliceSums.start(dataSource, LOAD, "16MB")) {
                sums.awaitChecked(dsl, List.of(new FactSlices.Slice('E', 20241, 3, 135), new FactSlices.Slice('I', 20242, 1, 7)));
            }
        }

        assertThat(jdbc.queryForObject("select count(*) from staging.slice_sum where load_id = ?", Long.class, LOAD)).isEqualTo(6L);
    }
}
