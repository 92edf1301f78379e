package org.tradewarehouse.rankings;

import liquibase.integration.spring.SpringLiquibase;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Right after the schema migration: marts whose definitions changed (a changeset of warehouse-ddl's marts/ applied
 * again, or the marts' tables new) no longer match the facts. In a warehouse that already holds facts, every year's
 * marts are rebuilt at once, so that fiches and dashboards are right without waiting for the next publication to be
 * loaded. A new, empty warehouse has nothing to rebuild.
 */
@Component
public class MartsAfterUpgrade implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MartsAfterUpgrade.class);

    private final DSLContext dsl;
    private final MartRefresher refresher;
    private final TransactionTemplate transaction;

    /** Takes the migration as a dependency only to run after it. */
    MartsAfterUpgrade(SpringLiquibase migration, DSLContext dsl, MartRefresher refresher, PlatformTransactionManager tm) {
        this.dsl = dsl;
        this.refresher = refresher;
        this.transaction = new TransactionTemplate(tm);
    }

    @Override
    public void afterPropertiesSet() {
        Optional<String> stale = refresher.stale();
        if (stale.isEmpty() || !dsl.fetchExists(dsl.selectOne().from("dw.fact_trade"))) {
            return;
        }
        log.info("Rebuilding the rankings of every year from the warehouse's facts: {}", stale.get());
        // one transaction, as at the end of a load: the refresher's planner settings hold for its statements only
        transaction.executeWithoutResult(status -> refresher.refreshAll());
    }
}
