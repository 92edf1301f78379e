package org.tradewarehouse.schedule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** dw.source_check: every decision recorded, and what later passes need of them. */
@Repository
public class SourceChecks {

    private static final String COLUMNS = "check_id, checked_at, source, etag, last_modified, sha256, decision, reason,"
            + " load_id, archived_as";
    private static final RowMapper<SourceCheck> ROW = (rs, n) -> new SourceCheck(rs.getLong(1),
            rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            SourceCheck.Decision.of(rs.getString(7)), rs.getString(8), (Long) rs.getObject(9), rs.getString(10));

    private final JdbcTemplate jdbc;

    SourceChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    SourceCheck record(SourceCheck c) {
        return jdbc.queryForObject("insert into dw.source_check (source, etag, last_modified, sha256, decision, reason,"
                        + " load_id, archived_as) values (?, ?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS, ROW,
                c.source(), c.etag(), c.lastModified(), c.sha256(), c.decision().label, c.reason(), c.loadId(),
                c.archivedAs());
    }

    /** The last time this source's current publication was known to be in the warehouse (loaded or unchanged since). */
    Optional<SourceCheck> lastKnownGood(String source) {
        return jdbc.query("select " + COLUMNS + " from dw.source_check where source = ? and decision in ('loaded', 'unchanged')"
                + " order by check_id desc limit 1", ROW, source).stream().findFirst();
    }

    /** The newest checks, newest first. */
    public List<SourceCheck> last(int limit) {
        return jdbc.query("select " + COLUMNS + " from dw.source_check order by check_id desc limit ?", ROW, limit);
    }

    /** The latest check of every source ever checked, by source. */
    public List<SourceCheck> latestPerSource() {
        return jdbc.query("select distinct on (source) " + COLUMNS + " from dw.source_check order by source, check_id desc", ROW);
    }
}
