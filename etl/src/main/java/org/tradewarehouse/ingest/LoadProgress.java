package org.tradewarehouse.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Lines and bytes read so far by the staging step, logged at a fixed interval while it runs. */
class LoadProgress {

    private static final Logger log = LoggerFactory.getLogger(LoadProgress.class);

    private final Duration interval;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long totalBytes;
    private volatile long startNanos;
    private ScheduledExecutorService ticker;

    LoadProgress(Duration interval) {
        this.interval = interval;
    }

    void start(long totalBytes) {
        this.totalBytes = totalBytes;
        lines.set(0);
        bytes.set(0);
        startNanos = System.nanoTime();
        stop();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void addLine() {
        lines.incrementAndGet();
    }

    void addBytes(long n) {
        bytes.addAndGet(n);
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void report() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long n = lines.get();
        double percent = totalBytes > 0 ? 100.0 * bytes.get() / totalBytes : 0;
        log.info("Staging: {} lines read, {}% of the data, {} rows/s",
                String.format("%,d", n), String.format("%.0f", Math.min(percent, 100)),
                String.format("%,.0f", seconds > 0 ? n / seconds : 0));
    }
}
