package org.tradewarehouse.ingest;

import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stages a chunk with PostgreSQL COPY, on the chunk's own transaction: the rows and the reader's saved position
 * commit together, so a restart neither loses nor repeats a line.
 */
class StagingWriter implements ItemStreamWriter<ParsedLine> {

    private final DataSource dataSource;
    private final long loadId;
    private StagedSummary summary = new StagedSummary();
    /** End of the previous chunk: a chunk's time runs from there, reading and parsing included. */
    private long since = System.nanoTime();

    StagingWriter(DataSource dataSource, long loadId) {
        this.dataSource = dataSource;
        this.loadId = loadId;
    }

    @Override
    public void open(ExecutionContext context) {
        summary = StagedSummary.from(context);
        since = System.nanoTime();
    }

    @Override
    public void update(ExecutionContext context) {
        summary.saveTo(context);
    }

    @Override
    public void write(Chunk<? extends ParsedLine> chunk) throws Exception {
        CopyText rows = new CopyText();
        CopyText rejects = new CopyText();
        long exports = 0;
        for (ParsedLine item : chunk) {
            if (item instanceof ParsedLine.TradeRow r) {
                summary.add(r);
                exports += r.flow() == 'E' ? 1 : 0;
                rows.field(loadId).field(r.flow()).field(r.year() * 10 + r.quarter()).field(r.depCode())
                        .field(r.cpf4()).field(r.country()).field(r.valueEur()).field(r.massKg()).endRow();
            } else if (item instanceof ParsedLine.Rejected r) {
                rejects.field(loadId).field(r.file()).field(r.line()).field(r.raw()).field(r.reason())
                        .field(r.valueEur()).endRow();
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        send(copy, "COPY staging.trade_row (load_id, flow, time_key, dep_code, cpf4, country, value_eur, mass_kg)"
                + " FROM STDIN", rows);
        send(copy, "COPY staging.reject (load_id, file, line, raw, reason, value_eur) FROM STDIN", rejects);
        long now = System.nanoTime();
        summary.addTime(now - since, exports, rows.rows() - exports);
        since = now;
    }

    private static void send(CopyManager copy, String sql, CopyText text) throws SQLException {
        if (text.rows() > 0) {
            CopyIn in = copy.copyIn(sql);
            in.writeToCopy(text.bytes(), 0, text.length());
            in.endCopy();
        }
    }
}
