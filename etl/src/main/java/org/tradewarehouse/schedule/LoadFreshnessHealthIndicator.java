package org.tradewarehouse.schedule;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.tradewarehouse.ingest.LoadHistory;

import java.time.Duration;
import java.time.OffsetDateTime;

/** Health component "loadFreshness": DOWN when no load has succeeded, or the last one is older than trade.schedule.max-age. */
@Component
class LoadFreshnessHealthIndicator implements HealthIndicator {

    private final LoadHistory history;
    private final Duration maxAge;

    LoadFreshnessHealthIndicator(LoadHistory history, ScheduleProperties properties) {
        this.history = history;
        this.maxAge = properties.maxAge();
    }

    @Override
    public Health health() {
        var last = history.lastPublished();
        if (last.isEmpty()) {
            return Health.down().withDetail("reason", "no load has succeeded yet").withDetail("maxAge", maxAge.toString()).build();
        }
        OffsetDateTime at = last.get().at();
        Duration age = Duration.between(at, OffsetDateTime.now());
        Health.Builder health = age.compareTo(maxAge) > 0 ? Health.down().withDetail("reason",
                "the last successful load is older than " + maxAge.toDays() + " days") : Health.up();
        return health.withDetail("lastSuccess", at.toString()).withDetail("loadId", last.get().loadId())
                .withDetail("age", age.withNanos(0).toString()).withDetail("maxAge", maxAge.toString()).build();
    }
}
