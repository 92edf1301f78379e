package org.tradewarehouse.ingest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.time.LocalDateTime;
import java.util.List;

/** What operators ask of past loads: every run with its outcome, and what the warehouse now holds. */
@Service
public class LoadHistory {

    /**
     * One run of the load job (a resumed load has several runs under one load id); checkedSource and decision are
     * those the scheduled fetch recorded for it (null for a load run by hand).
     */
    public record Run(long loadId, long runId, LocalDateTime started, LocalDateTime ended, String status, String sources,
                      String sha256, Long rowsLoaded, Long rowsRejected, Long eurosRejected, String message,
                      String checkedSource, String decision) {
    }

    /** One (year, quarter, flow) slice of the warehouse and the load that wrote it. */
    public record Slice(int year, int quarter, String flow, long rows, long valueEur, long loadId, LocalDateTime publishedAt,
                        String sources) {
    }

    private final JdbcTemplate jdbc;

    LoadHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Run> runs(int limit) {
        return jdbc.query("""
                select e.job_instance_id, e.job_execution_id, e.start_time, e.end_time, e.status, s.parameter_value as sources,
                       h.parameter_value as sha256, l.rows_loaded, l.rows_rejected, l.value_rejected_eur, e.exit_message,
                       c.source, c.decision
                from batch.batch_job_execution e
                join batch.batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                left join batch.batch_job_execution_params s on s.job_execution_id = e.job_execution_id and s.parameter_name = 'sources'
                left join batch.batch_job_execution_params h on h.job_execution_id = e.job_execution_id and h.parameter_name = 'sha256'
                left join dw.load l on l.load_id = e.job_instance_id and e.status = 'COMPLETED'
                left join lateral (select c.source, c.decision from dw.source_check c
                                   where c.load_id = e.job_instance_id and c.checked_at >= e.start_time
                                   order by c.check_id limit 1) c on true
                order by e.job_execution_id desc limit ?""", (rs, n) -> new Run(rs.getLong(1), rs.getLong(2),
                rs.getObject(3, LocalDateTime.class), rs.getObject(4, LocalDateTime.class), rs.getString(5), rs.getString(6),
                rs.getString(7), (Long) rs.getObject(8), (Long) rs.getObject(9), (Long) rs.getObject(10), rs.getString(11),
                rs.getString(12), rs.getString(13)),
                LoadJobConfiguration.JOB_NAME, limit);
    }

    public List<Slice> slices() {
        return jdbc.query("""
                select s.year, s.quarter, s.flow, s.rows, s.value_eur, s.load_id, l.published_at at time zone 'UTC', l.sources
                from dw.load_slice s join dw.load l on l.load_id = s.load_id
                order by s.year, s.quarter, s.flow""", (rs, n) -> new Slice(rs.getInt(1), rs.getInt(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getObject(7, LocalDateTime.class), rs.getString(8)));
    }
}
