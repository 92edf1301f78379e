package org.tradewarehouse.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** trade.schedule.*: what the scheduled fetch checks, where it keeps files, how it retries, whom it tells. */
@ConfigurationProperties("trade.schedule")
public record ScheduleProperties(boolean enabled, List<URI> sources, String cron, Path inbox, Path archive,
                                 Duration connectTimeout, Duration requestTimeout, Duration downloadTimeout,
                                 int attempts, Duration backoff, String webhookUrl, Duration maxAge) {

    public ScheduleProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (attempts < 1) {
            throw new IllegalArgumentException("trade.schedule.attempts must be at least 1, not " + attempts);
        }
    }
}
