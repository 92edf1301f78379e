package org.tradewarehouse.dashboards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every card of the project's dashboards uses a visualisation of the pinned Metabase with settings that release knows
 * (the table metabase/visualization-settings.tsv beside the stand-in: display, key, the frontend file declaring it),
 * and no row chart has more bars than its height shows: Metabase folds those into one "Other" bar holding their sum.
 */
class VisualizationSettingsTest {

    /** RowChart.tsx MIN_BAR_HEIGHT: a bar per category when stacked, else per category and series. */
    static final int BAR_PX = 24;
    /** DashboardGrid.tsx: rows of 40 px (fixed-width dashboard) with 6 px between them. */
    static final int GRID_ROW_PX = 46;
    /** The card's title and legend above the chart (an allowance, not a figure of Metabase's). */
    static final int TITLE_PX = 86;

    final List<Dashboard> dashboards = DashboardFiles.read(DashboardPushTest.PROJECT_DASHBOARDS);

    @Test
    void everyCardsDisplayAndSettingsExistInThePinnedRelease() throws IOException {
        Map<String, Set<String>> known = knownSettings();
        List<String> unknown = new ArrayList<>();
        for (Dashboard d : dashboards) {
            for (Dashboard.Card c : d.cards()) {
                if (!known.containsKey(c.display())) {
                    unknown.add(d.key() + "/" + c.key() + ": display " + c.display());
                    continue;
                }
                for (String key : c.visualization().keySet()) {
                    if (!known.get(c.display()).contains(key) && !known.get("*").contains(key)) {
                        unknown.add(d.key() + "/" + c.key() + ": " + c.display() + " has no setting " + key);
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(known.get("treemap")).contains("treemap.grouping", "treemap.value", "treemap.rows");
    }

    @Test
    void theProductsAreTreemapsInTheFichesColours() {
        Dashboard fiche = dashboards.stream().filter(d -> d.key().equals("fiche-territoriale")).findFirst().orElseThrow();
        Map<String, String> colours = new HashMap<>();
        for (Dashboard.Card c : fiche.cards()) {
            if (c.key().startsWith("produits-")) {
                assertThat(c.display()).as(c.key()).isEqualTo("treemap");
                List<?> rows = (List<?>) c.visualization().get("treemap.rows");
                Map<?, ?> group = (Map<?, ?>) rows.get(0);
                assertThat(c.query()).contains("'" + group.get("key") + "' as \"Flux\"");
                colours.put(c.key(), (String) group.get("color"));
            }
        }
        assertThat(colours).containsExactlyInAnyOrderEntriesOf(Map.of(
                "produits-importations", "#2F6DB5", "produits-exportations", "#7B4FA0"));
    }

    @Test
    void noRowChartHasMoreBarsThanItsHeightShows() {
        Pattern bound = Pattern.compile("(?i)\\blimit (\\d+)|\\brank <= (\\d+)");
        List<String> checked = new ArrayList<>();
        for (Dashboard d : dashboards) {
            for (Dashboard.Card c : d.cards()) {
                if (!Set.of("row", "bar").contains(c.display()) || c.position() == null) {
                    continue;
                }
                int rows = 0; // the bounds add up: the balance card shows 10 surpluses then 10 deficits
                for (Matcher m = bound.matcher(c.query().strip()); m.find(); ) {
                    rows += Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                }
                assertThat(rows).as(c.key() + ": its SQL must bound its rows (limit N, rank <= N)").isPositive();
                List<?> metrics = (List<?>) c.visualization().get("graph.metrics");
                boolean stacked = "stacked".equals(c.visualization().get("stackable.stack_type"));
                int bars = rows * (stacked ? 1 : metrics.size());
                int chartPx = c.position().height() * GRID_ROW_PX - 6 - TITLE_PX;
                assertThat(bars * BAR_PX).as(d.key() + "/" + c.key() + ": " + bars + " bars in " + chartPx + " px")
                        .isLessThanOrEqualTo(chartPx);
                checked.add(c.key());
            }
        }
        assertThat(checked).contains("partenaires", "part-etats-unis", "solde");
    }

    /** Display → the settings keys the pinned release declares for it ("*": for every display). */
    static Map<String, Set<String>> knownSettings() throws IOException {
        Map<String, Set<String>> known = new HashMap<>();
        try (InputStream in = VisualizationSettingsTest.class.getResourceAsStream("/metabase/visualization-settings.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                assertThat(f).as("line " + (i + 1)).hasSize(3);
                assertThat(f[2]).as("line " + (i + 1) + " names its source file").startsWith("frontend/src/metabase/");
                known.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
            }
        }
        return known;
    }
}
