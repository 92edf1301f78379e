package org.tradewarehouse.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** history and status: every run with its outcome, and which load wrote each quarter. */
@SpringBootTest
@ActiveProfiles("test")
class LoadHistoryFunctionalTest {

    @TempDir
    Path dir;
    @Autowired
    LoadService loads;
    @Autowired
    LoadHistory history;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void runsAndSlicesTellWhatHappenedAndWhatIsLoaded() throws Exception {
        TestWarehouse.reset(jdbc);
        List<Path> zips = SamplePublication.write(dir, SamplePublication.Options.defaults()).zips();
        RawRows raw = RawRows.of(zips);
        LoadOutcome published = loads.load(zips, false);
        Path bad = Files.writeString(dir.resolve("bad.txt"), "E;9;2030;87;09;C21Z;2120;US;5;1\r\n");
        LoadOutcome rejected = loads.load(List.of(bad), false);

        var runs = history.runs(10);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).loadId()).isEqualTo(rejected.loadId());
        assertThat(runs.get(0).status()).isEqualTo("FAILED");
        assertThat(runs.get(0).message()).contains("1 line(s) rejected (5 EUR in their value field)");
        assertThat(runs.get(0).sources()).endsWith("bad.txt");
        assertThat(runs.get(1).loadId()).isEqualTo(published.loadId());
        assertThat(runs.get(1).status()).isEqualTo("COMPLETED");
        assertThat(runs.get(1).rowsLoaded()).isEqualTo(raw.count());
        assertThat(runs.get(1).rowsRejected()).isZero();

        Map<String, Long> slices = new TreeMap<>();
        history.slices().forEach(s -> {
            assertThat(s.loadId()).isEqualTo(published.loadId());
            slices.put(s.year() + "-T" + s.quarter() + s.flow(), s.valueEur());
        });
        assertThat(slices).isEqualTo(raw.euros(f -> f[2] + "-T" + f[1] + f[0]));
    }
}
