package org.tradewarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dashboard as stored in {@code dashboards/}: one YAML file, one SQL file per card. Every element has a key of
 * our own, stable across pushes; Metabase's numeric ids never appear in these files.
 */
public record Dashboard(String key, String name, String description, List<Parameter> parameters, List<Card> cards,
                        List<Text> texts) {

    public Dashboard {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        cards = cards == null ? List.of() : List.copyOf(cards);
        texts = texts == null ? List.of() : List.copyOf(texts);
    }

    /**
     * A dashboard filter. Cards use it as the template tag {{key}}. type is Metabase's parameter type
     * (string/=, number/=); its values come from a card's first column or from a fixed list.
     */
    public record Parameter(String key, String name, String type, @JsonProperty("default") Object defaultValue,
                            @JsonProperty("values-from-card") String valuesFromCard, List<String> values) {

        boolean isNumber() {
            return type.startsWith("number");
        }
    }

    /**
     * A native SQL question read from the file {@code sql}; without a position it is kept in the collection but not
     * placed on the dashboard. query is the file's text, filled in when the files are read.
     */
    public record Card(String key, String name, String sql, String display, Position position,
                       Map<String, Object> visualization, String query) {

        public Card {
            visualization = visualization == null ? Map.of() : visualization;
        }

        Card withQuery(String text) {
            return new Card(key, name, sql, display, position, visualization, text);
        }

        /** A template tag as Metabase writes it in native SQL: {{name}}. */
        static final Pattern TAG = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

        /** The template tags the query uses, in order of first use. */
        public List<String> templateTags() {
            Matcher m = TAG.matcher(query);
            return m.results().map(r -> r.group(1)).distinct().collect(Collectors.toList());
        }
    }

    /** A markdown text card (method notes). */
    public record Text(String key, Position position, String markdown) {
    }

    /** Place on Metabase's grid, 24 columns wide. */
    public record Position(int row, int col, int width, int height) {
    }
}
