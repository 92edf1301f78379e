package org.tradewarehouse.schedule;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;

/** Health component "loadFreshness": DOWN when no load has succeeded, or the last one is older than trade.schedule.max-age. */
@Component
class LoadFreshnessHealthIndicator implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final Duration maxAge;

    LoadFreshnessHealthIndicator(JdbcTemplate jdbc, ScheduleProperties properties) {
        this.jdbc = jdbc;
        this.maxAge = properties.maxAge();
    }

    @Override
    public Health health() {
        record Last(long loadId, OffsetDateTime at) {
        }
        var last = jdbc.query("select load_id, published_at from dw.load order by published_at desc limit 1",
                (rs, n) -> new Last(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)));
        if (last.isEmpty()) {
            return Health.down().withDetail("reason", "no load has succeeded yet").withDetail("maxAge", maxAge.toString()).build();
        }
        OffsetDateTime at = last.get(0).at();
        Duration age = Duration.between(at, OffsetDateTime.now());
        Health.Builder health = age.compareTo(maxAge) > 0 ? Health.down().withDetail("reason",
                "the last successful load is older than " + maxAge.toDays() + " days") : Health.up();
        return health.withDetail("lastSuccess", at.toString()).withDetail("loadId", last.get(0).loadId())
                .withDetail("age", age.withNanos(0).toString()).withDetail("maxAge", maxAge.toString()).build();
    }
}
