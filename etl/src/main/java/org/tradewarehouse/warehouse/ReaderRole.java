package org.tradewarehouse.warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets the read-only role {@code trade_reader} (created by the changelog) log in with the password given in
 * TRADE_READER_PASSWORD, so the password never sits in the changelog or the repository. Without it the role stays
 * unable to log in.
 */
@Component
public class ReaderRole {

    public static final String ROLE = "trade_reader";
    private static final Logger log = LoggerFactory.getLogger(ReaderRole.class);

    private final JdbcTemplate jdbc;
    private final String password;

    ReaderRole(JdbcTemplate jdbc, @Value("${trade.reader.password:}") String password) {
        this.jdbc = jdbc;
        this.password = password;
    }

    @EventListener(ApplicationReadyEvent.class)
    void allowLogin() {
        if (password.isEmpty()) {
            return;
        }
        // ALTER ROLE takes no bind parameters: quote the literal the way PostgreSQL does.
        String literal = jdbc.queryForObject("select quote_literal(?)", String.class, password);
        jdbc.execute("alter role " + ROLE + " login password " + literal);
        log.info("The read-only role {} can log in with the password from TRADE_READER_PASSWORD", ROLE);
    }
}
