package org.tradewarehouse.dashboards;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the dashboards stored as code: every {@code *.yaml} of a folder (or of the copy bundled in the jar) with
 * the SQL files its cards name, and checks them before anything is sent to Metabase.
 */
public final class DashboardFiles {

    static final int GRID_COLUMNS = 24;
    private static final Set<String> PARAMETER_TYPES = Set.of("string/=", "number/=");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private DashboardFiles() {
    }

    /** The dashboards of a folder such as the project's {@code dashboards/}. */
    public static List<Dashboard> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DashboardFileException(dir + ": no such folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path file : yaml) {
                dashboards.add(parse(file.getFileName().toString(), Files.readString(file),
                        sql -> readText(dir.resolve(sql), file + ": card SQL file " + sql)));
            }
            return checked(dashboards, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dashboards bundled in the application (a copy of the project's {@code dashboards/} folder). */
    public static List<Dashboard> bundled() {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            List<Dashboard> dashboards = new ArrayList<>();
            for (Resource r : resolver.getResources("classpath*:dashboards/*.yaml")) {
                String name = r.getFilename();
                dashboards.add(parse(name, r.getContentAsString(StandardCharsets.UTF_8), sql -> {
                    try {
                        return resolver.getResource("classpath:dashboards/" + sql).getContentAsString(StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new DashboardFileException(name + ": card SQL file " + sql + " not found");
                    }
                }));
            }
            dashboards.sort((a, b) -> a.key().compareTo(b.key()));
            return checked(dashboards, "the bundled dashboards");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dashboard parse(String file, String yaml, Function<String, String> sqlFiles) {
        Dashboard d;
        try {
            d = YAML.readValue(yaml, Dashboard.class);
        } catch (JacksonException e) {
            throw new DashboardFileException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        require(d.key() != null && d.name() != null, file, "needs a key and a name");
        List<Dashboard.Card> cards = new ArrayList<>();
        for (Dashboard.Card c : d.cards()) {
            require(c.key() != null && c.name() != null && c.sql() != null && c.display() != null, file,
                    "every card needs a key, a name, an sql file and a display (card " + c.key() + ")");
            cards.add(c.withQuery(sqlFiles.apply(c.sql())));
        }
        Dashboard read = new Dashboard(d.key(), d.name(), d.description(), d.parameters(), cards, d.texts());
        check(file, read);
        return read;
    }

    private static void check(String file, Dashboard d) {
        Set<String> keys = new HashSet<>();
        for (Dashboard.Card c : d.cards()) {
            require(keys.add(c.key()), file, "two cards have the key " + c.key());
        }
        for (Dashboard.Text t : d.texts()) {
            require(t.key() != null && keys.add(t.key()), file, "every text needs its own key (" + t.key() + ")");
            require(t.position() != null, file, "text " + t.key() + " needs a position");
            checkPosition(file, t.key(), t.position());
        }
        Set<String> parameters = new HashSet<>();
        for (Dashboard.Parameter p : d.parameters()) {
            require(p.key() != null && p.name() != null && parameters.add(p.key()), file,
                    "every parameter needs its own key and a name (" + p.key() + ")");
            require(PARAMETER_TYPES.contains(p.type()), file,
                    "parameter " + p.key() + ": type must be one of " + PARAMETER_TYPES + ", not " + p.type());
            require(p.defaultValue() != null, file, "parameter " + p.key() + " needs a default (cards also run alone)");
            require(p.valuesFromCard() == null || d.cards().stream().anyMatch(c -> c.key().equals(p.valuesFromCard())),
                    file, "parameter " + p.key() + " takes its values from an unknown card " + p.valuesFromCard());
        }
        for (Dashboard.Card c : d.cards()) {
            for (String tag : c.templateTags()) {
                require(parameters.contains(tag), file, "card " + c.key() + " (" + c.sql() + ") uses {{" + tag
                        + "}} but the dashboard has no parameter " + tag);
            }
            if (c.position() != null) {
                checkPosition(file, c.key(), c.position());
            }
        }
    }

    private static void checkPosition(String file, String key, Dashboard.Position p) {
        require(p.row() >= 0 && p.col() >= 0 && p.width() > 0 && p.height() > 0 && p.col() + p.width() <= GRID_COLUMNS,
                file, key + ": position outside the " + GRID_COLUMNS + "-column grid");
    }

    private static List<Dashboard> checked(List<Dashboard> dashboards, String where) {
        if (dashboards.isEmpty()) {
            throw new DashboardFileException(where + ": no dashboard (*.yaml) found");
        }
        Set<String> keys = new HashSet<>();
        for (Dashboard d : dashboards) {
            require(keys.add(d.key()), where, "two dashboards have the key " + d.key());
        }
        return List.copyOf(dashboards);
    }

    private static String readText(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new DashboardFileException(what + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private static void require(boolean ok, String file, String message) {
        if (!ok) {
            throw new DashboardFileException(file + ": " + message);
        }
    }
}
