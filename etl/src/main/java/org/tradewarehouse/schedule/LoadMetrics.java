package org.tradewarehouse.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.tradewarehouse.ingest.LoadHistory;
import org.tradewarehouse.ingest.LoadOutcome;

import java.util.concurrent.TimeUnit;

/**
 * The figures a monitoring system scrapes (Prometheus names in brackets): rows loaded and rejected
 * (trade_load_rows_loaded_total, trade_load_rows_rejected_total), each load's duration by outcome
 * (trade_load_duration_seconds), the time of the last successful load, read from the warehouse so that loads of
 * any process count (trade_load_last_success_seconds, NaN before the first), and the fetch's decisions
 * (trade_schedule_checks_total by decision).
 */
@Component
public class LoadMetrics {

    private final MeterRegistry registry;
    private final Counter rowsLoaded;
    private final Counter rowsRejected;

    LoadMetrics(MeterRegistry registry, LoadHistory history) {
        this.registry = registry;
        this.rowsLoaded = Counter.builder("trade.load.rows.loaded").description("Rows published by loads").register(registry);
        this.rowsRejected = Counter.builder("trade.load.rows.rejected").description("Lines rejected by loads").register(registry);
        TimeGauge.builder("trade.load.last.success", history, TimeUnit.SECONDS, LoadMetrics::lastSuccessEpochSeconds)
                .description("When the last successful load was published (Unix time)").register(registry);
    }

    void loaded(LoadOutcome outcome) {
        if (outcome.status() == LoadOutcome.Status.PUBLISHED) { // a load that stopped short loaded nothing
            rowsLoaded.increment(outcome.flows().stream().mapToLong(LoadOutcome.FlowFigures::rowsLoaded).sum());
        }
        rowsRejected.increment(outcome.flows().stream().mapToLong(LoadOutcome.FlowFigures::rowsRejected).sum());
        Timer.builder("trade.load.duration").description("Duration of the load job").tag("status", outcome.status().name())
                .register(registry).record(outcome.duration());
    }

    void decided(SourceCheck.Decision decision) {
        Counter.builder("trade.schedule.checks").description("Decisions of the scheduled fetch")
                .tag("decision", decision.label).register(registry).increment();
    }

    private static double lastSuccessEpochSeconds(LoadHistory history) {
        return history.lastPublished().map(p -> p.at().toEpochSecond() + p.at().getNano() / 1e9).orElse(Double.NaN);
    }
}
