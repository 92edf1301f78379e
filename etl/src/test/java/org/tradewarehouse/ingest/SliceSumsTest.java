package org.tradewarehouse.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-slice sums made while staging, and when they may be used: only when they hold exactly what was staged. */
class SliceSumsTest {

    private static final List<ParsedLine.TradeRow> ROWS = List.of(
            row('E', 1, "87", "2120", "US", 100), row('E', 1, "87", "2120", "DE", 30), row('E', 1, "87", "1011", "US", 5),
            row('I', 2, "19", "1011", "US", 7));
    private static final List<FactSlices.Slice> STAGED = List.of(new FactSlices.Slice('E', 20241, 3, 135),
            new FactSlices.Slice('I', 20242, 1, 7));

    @Test
    void sumsEachSlicePerDepartementAndCountryAndPerDepartementAndCpf4() {
        SliceSums sums = new SliceSums(7);
        ROWS.forEach(sums::add);

        assertThat(byKey(sums.of(STAGED))).isEqualTo(Map.of(
                "20241E:87:US:", "105/2", "20241E:87:DE:", "30/1", "20241E:87::2120", "130/2", "20241E:87::1011", "5/1",
                "20242I:19:US:", "7/1", "20242I:19::1011", "7/1"));
    }

    @Test
    void sumsManyRowsIntoFewSums() {
        SliceSums sums = new SliceSums(7);
        IntStream.range(0, 2500).forEach(i -> sums.add(row('E', 3, "87", "2120", i % 2 == 0 ? "US" : "DE", i)));

        long even = IntStream.range(0, 2500).filter(i -> i % 2 == 0).sum();
        long all = IntStream.range(0, 2500).sum();
        assertThat(byKey(sums.of(List.of(new FactSlices.Slice('E', 20243, 2500, all))))).isEqualTo(Map.of(
                "20243E:87:US:", even + "/1250", "20243E:87:DE:", (all - even) + "/1250", "20243E:87::2120", all + "/2500"));
    }

    @Test
    void areNotUsedWhenTheyDoNotHoldTheStagedLinesAndEuros() {
        for (List<FactSlices.Slice> staged : List.of(
                List.of(new FactSlices.Slice('E', 20241, 3, 136), STAGED.get(1)),   // a euro more was staged
                List.of(new FactSlices.Slice('E', 20241, 4, 135), STAGED.get(1)),   // a line more (resumed staging)
                List.of(STAGED.get(0)),                                             // a slice not staged
                List.of(STAGED.get(0), STAGED.get(1), new FactSlices.Slice('I', 20243, 1, 1)))) { // a slice not summed
            SliceSums sums = new SliceSums(7);
            ROWS.forEach(sums::add);
    
            assertThat(sums.of(staged)).as("%s", staged).isEmpty();
        }
    }

    @Test
    void areNotUsedAfterAChunkRolledBack() {
        SliceSums sums = new SliceSums(7);
        ROWS.forEach(sums::add);
        sums.chunkRolledBack();

        assertThat(sums.of(STAGED)).isEmpty();
    }

    private static ParsedLine.TradeRow row(char flow, int quarter, String dep, String cpf4, String country, long eur) {
        return new ParsedLine.TradeRow(flow, quarter, 2024, dep, "09", "C21Z", cpf4, country, eur, 1);
    }

    private static Map<String, String> byKey(Optional<List<SliceSums.Sum>> sums) {
        Map<String, String> result = new TreeMap<>();
        sums.orElseThrow().forEach(s -> result.put(s.timeKey() + "" + s.flow() + ":" + s.depCode() + ":"
                + (s.country() == null ? "" : s.country()) + ":" + (s.cpf4() == null ? "" : s.cpf4()), s.valueEur() + "/" + s.lines()));
        return result;
    }
}
