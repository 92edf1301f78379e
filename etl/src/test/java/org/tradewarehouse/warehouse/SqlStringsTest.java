package org.tradewarehouse.warehouse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application reaches the warehouse's tables through jOOQ's generated classes, so that a renamed table or column
 * breaks the build, not a load in production: no string literal in the sources queries a dw, mart or staging object.
 * Only what jOOQ cannot say is written as SQL: COPY, DDL (partitions), SET and ANALYZE.
 */
class SqlStringsTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern WAREHOUSE_OBJECT = Pattern.compile("\\b(dw|mart|staging)\\.[a-z_]");
    private static final Pattern QUERY = Pattern.compile("(?i)\\b(select|insert|update|delete|from|join|into)\\b");
    private static final Pattern ALLOWED = Pattern.compile("(?is)\\s*(copy|create|alter|drop|set|analyze|truncate|lock)\\b.*");

    @Test
    void noStringLiteralQueriesTheWarehouse() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
                Matcher m = LITERAL.matcher(code);
                while (m.find()) {
                    String literal = m.group(1) != null ? m.group(1) : m.group(2);
                    if (queriesTheWarehouse(literal)) {
                        found.add(SOURCES.relativize(file) + ": " + literal.strip());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckFindsAQueryAndLetsDdlAndMessagesBe() {
        assertThat(queriesTheWarehouse("select year from dw.load_slice")).isTrue();
        assertThat(queriesTheWarehouse("\n    delete from mart.sankey_pair where year = 2024\n")).isTrue();
        assertThat(queriesTheWarehouse("COPY staging.reject (load_id, file) FROM STDIN")).isFalse();
        assertThat(queriesTheWarehouse("alter table dw.fact_trade_e attach partition dw.fact_trade_e_20241 for values in (20241)"))
                .isFalse();
        assertThat(queriesTheWarehouse("; all are in staging.reject, load_id = ")).isFalse();
        assertThat(queriesTheWarehouse("select pg_advisory_xact_lock(1)")).isFalse();
    }

    private static boolean queriesTheWarehouse(String literal) {
        return WAREHOUSE_OBJECT.matcher(literal).find() && QUERY.matcher(literal).find() && !ALLOWED.matcher(literal).matches();
    }
}
