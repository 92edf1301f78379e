package org.tradewarehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradewarehouse.RawRows;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as an operator uses it: help, exit codes, messages, and the demo on its own embedded database. */
class TradeEtlCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new TradeEtl()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("load", "demo", "db", "SPRING_DATASOURCE_URL");
    }

    @Test
    void anUnreadableInputIsAOneLineErrorWithExitCode2() {
        assertThat(run("load", "no-such-publication.zip")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: no-such-publication.zip: no such readable file" + System.lineSeparator());
    }

    @Test
    void loadWithoutInputIsAUsageError() {
        assertThat(run("load")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH_OR_URL'");
    }

    @Test
    void demoWritesASamplePublicationAndLoadsIt(@TempDir Path dir) throws Exception {
        System.setProperty("trade.embedded.data-dir", Path.of("target", "test-warehouse", UUID.randomUUID().toString()).toString());
        try {
            assertThat(run("demo", "--out", dir.toString())).isZero();
        } finally {
            System.clearProperty("trade.embedded.data-dir");
        }
        List<Path> zips;
        try (Stream<Path> files = Files.list(dir)) {
            zips = files.sorted().toList();
        }
        assertThat(zips).hasSize(4);
        var raw = RawRows.of(zips);
        assertThat(out.toString()).contains("Load 1 published");
        // the totals the demo prints are the raw files' totals
        raw.euros(f -> f[2] + " " + f[0]).forEach((yearFlow, eur) ->
                assertThat(out.toString()).contains(String.format(Locale.ROOT, "  %s %,14.1f", yearFlow, eur / 1e6)));
    }
}
