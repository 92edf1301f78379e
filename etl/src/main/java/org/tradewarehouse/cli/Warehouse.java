package org.tradewarehouse.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradewarehouse.TradeWarehouseApplication;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the warehouse behind a command: database (external or embedded), schema migration, jobs. Only
 * {@code serve} starts a web server; every other command runs without one although Spring MVC is on the classpath.
 */
final class Warehouse {

    private Warehouse() {
    }

    static ConfigurableApplicationContext start() {
        return start(new SpringApplicationBuilder(TradeWarehouseApplication.class).web(WebApplicationType.NONE));
    }

    /**
     * The long-running mode: the web server ({@code port} null keeps server.port, default 8080) and the scheduled
     * fetch, on unless TRADE_SCHEDULE_ENABLED=false.
     */
    static ConfigurableApplicationContext startWeb(Integer port) {
        var builder = new SpringApplicationBuilder(TradeWarehouseApplication.class).web(WebApplicationType.SERVLET)
                .properties("trade.schedule.enabled=true");
        if (port != null) {
            builder.properties("server.port=" + port);
        }
        return start(builder);
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder) {
        try {
            return builder.run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not open the warehouse", e);
        }
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM). */
    static void awaitShutdown() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }
}
