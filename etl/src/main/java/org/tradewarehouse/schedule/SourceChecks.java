package org.tradewarehouse.schedule;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.tradewarehouse.db.dw.tables.records.SourceCheckRecord;

import java.util.List;
import java.util.Optional;

import static org.tradewarehouse.db.dw.Tables.SOURCE_CHECK;

/** dw.source_check: every decision recorded, and what later passes need of them. */
@Repository
public class SourceChecks {

    private final DSLContext dsl;

    SourceChecks(DSLContext dsl) {
        this.dsl = dsl;
    }

    SourceCheck record(SourceCheck c) {
        return of(dsl.insertInto(SOURCE_CHECK)
                .set(SOURCE_CHECK.SOURCE, c.source()).set(SOURCE_CHECK.ETAG, c.etag())
                .set(SOURCE_CHECK.LAST_MODIFIED, c.lastModified()).set(SOURCE_CHECK.SHA256, c.sha256())
                .set(SOURCE_CHECK.DECISION, c.decision().label).set(SOURCE_CHECK.REASON, c.reason())
                .set(SOURCE_CHECK.LOAD_ID, c.loadId()).set(SOURCE_CHECK.ARCHIVED_AS, c.archivedAs())
                .returning().fetchSingle());
    }

    /** The last time this source's current publication was known to be in the warehouse (loaded or unchanged since). */
    Optional<SourceCheck> lastKnownGood(String source) {
        return dsl.selectFrom(SOURCE_CHECK)
                .where(SOURCE_CHECK.SOURCE.eq(source), SOURCE_CHECK.DECISION.in("loaded", "unchanged"))
                .orderBy(SOURCE_CHECK.CHECK_ID.desc()).limit(1).fetchOptional(SourceChecks::of);
    }

    /** The newest checks, newest first. */
    public List<SourceCheck> last(int limit) {
        return dsl.selectFrom(SOURCE_CHECK).orderBy(SOURCE_CHECK.CHECK_ID.desc()).limit(limit).fetch(SourceChecks::of);
    }

    /** The latest check of every source ever checked, by source. */
    public List<SourceCheck> latestPerSource() {
        return dsl.select(SOURCE_CHECK.fields()).distinctOn(SOURCE_CHECK.SOURCE).from(SOURCE_CHECK)
                .orderBy(SOURCE_CHECK.SOURCE, SOURCE_CHECK.CHECK_ID.desc()).fetchInto(SOURCE_CHECK).map(SourceChecks::of);
    }

    private static SourceCheck of(SourceCheckRecord r) {
        return new SourceCheck(r.getCheckId(), r.getCheckedAt(), r.getSource(), r.getEtag(), r.getLastModified(), r.getSha256(),
                SourceCheck.Decision.of(r.getDecision()), r.getReason(), r.getLoadId(), r.getArchivedAs());
    }
}
