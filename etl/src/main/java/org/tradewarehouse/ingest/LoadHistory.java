package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.tradewarehouse.db.dw.Tables.LOAD;
import static org.tradewarehouse.db.dw.Tables.LOAD_SLICE;
import static org.tradewarehouse.db.dw.Tables.SOURCE_CHECK;

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

    /** When a load was last published. */
    public record Published(long loadId, OffsetDateTime at) {
    }

    private final DSLContext dsl;

    LoadHistory(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The job repository's tables are Spring Batch's, without generated classes: a template with the warehouse's typed. */
    public List<Run> runs(int limit) {
        return dsl.resultQuery("""
                select e.job_instance_id, e.job_execution_id, e.start_time, e.end_time, e.status, s.parameter_value as sources,
                       h.parameter_value as sha256, l.{3}, l.{4}, l.{5}, e.exit_message, c.{6}, c.{7}
                from batch.batch_job_execution e
                join batch.batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = {0}
                left join batch.batch_job_execution_params s on s.job_execution_id = e.job_execution_id and s.parameter_name = 'sources'
                left join batch.batch_job_execution_params h on h.job_execution_id = e.job_execution_id and h.parameter_name = 'sha256'
                left join {2} l on l.{8} = e.job_instance_id and e.status = 'COMPLETED'
                left join lateral (select c.{6}, c.{7} from {9} c
                                   where c.{10} = e.job_instance_id and c.{11} >= e.start_time
                                   order by c.{12} limit 1) c on true
                order by e.job_execution_id desc limit {1}""",
                        LoadJobConfiguration.JOB_NAME, limit, LOAD, LOAD.ROWS_LOADED.getUnqualifiedName(),
                        LOAD.ROWS_REJECTED.getUnqualifiedName(), LOAD.VALUE_REJECTED_EUR.getUnqualifiedName(),
                        SOURCE_CHECK.SOURCE.getUnqualifiedName(), SOURCE_CHECK.DECISION.getUnqualifiedName(),
                        LOAD.LOAD_ID.getUnqualifiedName(), SOURCE_CHECK, SOURCE_CHECK.LOAD_ID.getUnqualifiedName(),
                        SOURCE_CHECK.CHECKED_AT.getUnqualifiedName(), SOURCE_CHECK.CHECK_ID.getUnqualifiedName())
                .fetch(r -> new Run(r.get(0, Long.class), r.get(1, Long.class), r.get(2, LocalDateTime.class),
                        r.get(3, LocalDateTime.class), r.get(4, String.class), r.get(5, String.class), r.get(6, String.class),
                        r.get(7, Long.class), r.get(8, Long.class), r.get(9, Long.class), r.get(10, String.class),
                        r.get(11, String.class), r.get(12, String.class)));
    }

    public List<Slice> slices() {
        return dsl.select(LOAD_SLICE.YEAR, LOAD_SLICE.QUARTER, LOAD_SLICE.FLOW, LOAD_SLICE.ROWS, LOAD_SLICE.VALUE_EUR,
                        LOAD_SLICE.LOAD_ID, LOAD.PUBLISHED_AT, LOAD.SOURCES)
                .from(LOAD_SLICE).join(LOAD).on(LOAD.LOAD_ID.eq(LOAD_SLICE.LOAD_ID))
                .orderBy(LOAD_SLICE.YEAR, LOAD_SLICE.QUARTER, LOAD_SLICE.FLOW)
                .fetch(r -> new Slice(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), r.value8()));
    }

    /** The last load published, if any. */
    public Optional<Published> lastPublished() {
        return dsl.select(LOAD.LOAD_ID, LOAD.PUBLISHED_AT).from(LOAD).orderBy(LOAD.PUBLISHED_AT.desc()).limit(1)
                .fetchOptional(r -> new Published(r.value1(), r.value2()));
    }
}
