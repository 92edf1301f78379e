package org.tradewarehouse.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The timed passes of the long-running mode, on trade.schedule.cron. Active only when trade.schedule.enabled is
 * true, so that no other command starts a scheduler thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("trade.schedule.enabled")
@EnableScheduling
public class ScheduledFetch {

    private static final Logger log = LoggerFactory.getLogger(ScheduledFetch.class);

    private final SchedulePass pass;

    ScheduledFetch(SchedulePass pass) {
        this.pass = pass;
    }

    @Scheduled(cron = "${trade.schedule.cron}")
    void run() {
        try {
            var decisions = pass.run();
            decisions.forEach(d -> log.info("{} {}: {}", d.decision().label, d.source(), d.reason()));
        } catch (Exception e) {
            log.error("The scheduled fetch failed: {}", e.getMessage(), e);
        }
    }
}
