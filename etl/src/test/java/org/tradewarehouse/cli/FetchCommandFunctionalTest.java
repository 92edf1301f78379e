package org.tradewarehouse.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tradewarehouse.RawRows;
import org.tradewarehouse.TestWarehouse;
import org.tradewarehouse.demo.SamplePublication;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** fetch, history and status as an operator runs them, on this test's database and an inbox of its own. */
@SpringBootTest
@ActiveProfiles("test")
class FetchCommandFunctionalTest {

    @TempDir
    Path dir;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void fetchPrintsItsDecisionsAndHistoryAndStatusShowThem() throws Exception {
        TestWarehouse.reset(jdbc);
        jdbc.execute("truncate dw.source_check");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path zip = SamplePublication.write(dir.resolve("sample"), new SamplePublication.Options(2024, 2024, 3L, 500)).zips().get(1);
        RawRows raw = RawRows.of(List.of(zip));
        Files.copy(zip, inbox.resolve(zip.getFileName()));
        Files.writeString(inbox.resolve("notes.txt"), "not a publication\n");
        Map<String, String> settings = Map.of("spring.datasource.url", ((HikariDataSource) dataSource).getJdbcUrl(),
                "spring.datasource.username", "postgres", "trade.schedule.inbox", inbox.toString(),
                "trade.schedule.sources", "", "trade.files-dir", dir.toString());
        settings.forEach(System::setProperty);
        try {
            Run fetch = run("fetch");
            assertThat(fetch.code()).isEqualTo(1); // a file failed
            assertThat(fetch.out()).contains("loaded       inbox/" + zip.getFileName(),
                    String.format("file dropped in the inbox: %,d rows loaded (2024-T1 I, 2024-T2 I, 2024-T3 I, 2024-T4 I)", raw.count()),
                    "failed       inbox/notes.txt",
                    "notes.txt: not a DGDDI regional data file");
            assertThat(inbox.resolve("done").resolve(zip.getFileName())).exists();
            assertThat(inbox.resolve("failed/notes.txt.error.txt")).exists();

            Run history = run("history");
            assertThat(history.code()).isZero();
            String loadLine = history.out().lines().filter(l -> l.contains("COMPLETED")).findFirst().orElseThrow();
            assertThat(loadLine).contains("loaded", String.format("%,d", raw.count()), "inbox/" + zip.getFileName());
            assertThat(history.out()).contains("Scheduled fetch, its last decisions", "failed", "inbox/notes.txt");

            Run status = run("status");
            assertThat(status.out()).contains("Last successful load:", "Last check of each source (UTC):");
            assertThat(status.out().lines().filter(l -> l.contains("inbox/"))).hasSize(2);

            Run empty = run("fetch");
            assertThat(empty.code()).isZero();
            assertThat(empty.out()).contains("Nothing to check");
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    record Run(int code, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new TradeEtl()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute(args);
        return new Run(code, out.toString());
    }
}
