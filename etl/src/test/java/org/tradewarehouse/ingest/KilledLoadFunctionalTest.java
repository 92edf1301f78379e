package org.tradewarehouse.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.ChildCommand;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A load process killed with SIGKILL half-way through staging; running the load again ends with exact totals. */
@SpringBootTest
@ActiveProfiles("test")
class KilledLoadFunctionalTest {

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aLoadKilledWhileStagingIsResumedWithExactTotals() throws Exception {
        TestWarehouse.reset(jdbc);
        List<Path> zips = SamplePublication.write(dir, SamplePublication.Options.defaults()).zips();
        RawRows raw = RawRows.of(zips);
        var before = TestWarehouse.fingerprint(jdbc);

        List<String> load = new ArrayList<>(List.of("load"));
        zips.forEach(z -> load.add(z.toString()));
        ChildCommand child = ChildCommand.start(dataSource, 100, dir.resolve("child.log"), Map.of(), load);
        child.awaitStagedChunks(jdbc, 3);
        child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no rollback of what was committed
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(TestWarehouse.fingerprint(jdbc)).isEqualTo(before);
        long staged = jdbc.queryForObject("select count(*) from staging.trade_row", Long.class);
        assertThat(staged).isPositive().isLessThan(raw.count());

        LoadOutcome resumed = loads.load(zips, false);

        assertThat(resumed.status()).isEqualTo(LoadOutcome.Status.PUBLISHED);
        assertThat(jdbc.queryForObject("select count(*) from dw.fact_trade", Long.class)).isEqualTo(raw.count());
        assertThat(jdbc.queryForObject("select sum(value_eur) from dw.fact_trade", Long.class))
                .isEqualTo(raw.euros(f -> "all").get("all"));
        assertThat(jdbc.queryForObject("select count(distinct load_id) from dw.fact_trade", Long.class)).isEqualTo(1L);
    }
}
