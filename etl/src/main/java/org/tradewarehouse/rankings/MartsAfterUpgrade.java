package org.tradewarehouse.rankings;

import liquibase.integration.spring.SpringLiquibase;
import org.jooq.DSLContext;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.tradewarehouse.db.dw.Tables.FACT_TRADE;

/**
 * Right after the schema migration: marts whose definitions changed (a changeset of warehouse-ddl's marts/ applied
 * again, or the marts' tables new) no longer match the facts. In a warehouse that already holds facts, every year's
 * marts are rebuilt at once, so that fiches and dashboards are right without waiting for the next publication to be
 * loaded. A new, empty warehouse has nothing to rebuild.
 */
@Component
public class MartsAfterUpgrade implements InitializingBean {

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
        if (!dsl.fetchExists(FACT_TRADE)) {
            return;
        }
        // one transaction, as at the end of a load: the refresher's planner settings hold for its statements only
        transaction.executeWithoutResult(status -> refresher.refreshIfDefinitionsChanged());
    }
}
