package org.tradewarehouse;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring context behind every command that touches the warehouse; commands start it only when needed. */
@SpringBootApplication
public class TradeWarehouseApplication {
}
