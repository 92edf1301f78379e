package org.tradewarehouse.ingest;

import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;

/**
 * Stages a chunk with PostgreSQL COPY, on the chunk's own transaction: the rows and the reader's saved position
 * commit together, so a restart neither loses nor repeats a line.
 */
class StagingWriter implements ItemWriter<ParsedLine> {

    private final DataSource dataSource;
    private final long loadId;

    StagingWriter(DataSource dataSource, long loadId) {
        this.dataSource = dataSource;
        this.loadId = loadId;
    }

    @Override
    public void write(Chunk<? extends ParsedLine> chunk) throws Exception {
        CopyText rows = new CopyText();
        CopyText rejects = new CopyText();
        for (ParsedLine item : chunk) {
            if (item instanceof ParsedLine.TradeRow r) {
                rows.field(loadId).field(r.flow()).field(r.quarter()).field(r.year()).field(r.depCode())
                        .field(r.regionCode()).field(r.a129()).field(r.cpf4()).field(r.country())
                        .field(r.valueEur()).field(r.massKg()).endRow();
            } else if (item instanceof ParsedLine.Rejected r) {
                rejects.field(loadId).field(r.file()).field(r.line()).field(r.raw()).field(r.reason())
                        .field(r.valueEur()).endRow();
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        if (rows.rows() > 0) {
            copy.copyIn("COPY staging.trade_row (load_id, flow, quarter, year, dep_code, region_code, a129, cpf4, country,"
                    + " value_eur, mass_kg) FROM STDIN", new StringReader(rows.text()));
        }
        if (rejects.rows() > 0) {
            copy.copyIn("COPY staging.reject (load_id, file, line, raw, reason, value_eur) FROM STDIN",
                    new StringReader(rejects.text()));
        }
    }
}
