package org.tradewarehouse.cli;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradewarehouse.TradeWarehouseApplication;

/** Starts the warehouse behind a command: database (external or embedded), schema migration, jobs. */
final class Warehouse {

    private Warehouse() {
    }

    static ConfigurableApplicationContext start() {
        try {
            return new SpringApplicationBuilder(TradeWarehouseApplication.class)
                    .web(WebApplicationType.NONE)
                    .run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not open the warehouse", e);
        }
    }
}
