package org.tradewarehouse.cli;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryCommandTest {

    @Test
    void timestampsKeepTheirSecondsEvenWhenZero() {
        assertThat(HistoryCommand.timestamp(LocalDateTime.of(2026, 12, 7, 1, 30, 0))).isEqualTo("2026-12-07 01:30:00");
        assertThat(HistoryCommand.timestamp(LocalDateTime.of(2026, 12, 7, 1, 30, 0, 5_000_000))).isEqualTo("2026-12-07 01:30:00");
        assertThat(HistoryCommand.timestamp(LocalDateTime.of(2026, 1, 2, 3, 4, 5))).isEqualTo("2026-01-02 03:04:05");
        assertThat(HistoryCommand.timestamp(null)).isEmpty();
    }
}
