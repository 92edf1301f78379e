package org.tradewarehouse.ingest;

import org.postgresql.copy.CopyIn;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stages a chunk with PostgreSQL COPY, on the chunk's own transaction: the rows and the reader's saved position
 * commit together, so a restart neither loses nor repeats a line.
 * <p>
 * Rows are sent as they are parsed ({@link #stage}), on a COPY opened at the chunk's first row and ended by
 * {@link #write}, so that PostgreSQL ingests them while the next lines are parsed instead of both sides taking turns.
 * If the chunk fails, the COPY is cancelled before its transaction rolls back. Rejected lines, rare, are sent by
 * {@link #write} with a second COPY.
 * <p>
 * Not a step-scoped bean: {@link #stage} is called for each of the millions of rows, and a step-scoped proxy would
 * look the bean up on each call. One load runs at a time; the load id comes from each execution.
 */
class StagingWriter implements ItemStreamWriter<List<ParsedLine.Rejected>>, StepExecutionListener {

    private static final String ROWS_COPY = "COPY staging.trade_row"
            + " (load_id, flow, time_key, dep_code, cpf4, country, value_eur, mass_kg) FROM STDIN (FORMAT binary)";
    private static final String REJECTS_COPY = "COPY staging.reject (load_id, file, line, raw, reason, value_eur) FROM STDIN";
    /** Rows are handed to the driver in batches of about this size, which it sends as its buffer fills. */
    private static final int BATCH_BYTES = 1 << 15;

    private final DataSource dataSource;
    private long loadId;
    /** The sums of this execution's staged rows, until publishing takes them. */
    private SliceSums sums;
    private StagedSummary summary = new StagedSummary();
    /** End of the previous chunk: a chunk's time runs from there, reading and parsing included. */
    private long since = System.nanoTime();

    /** The chunk's rows not yet handed to the COPY, and the COPY (null until the chunk's first row). */
    private final CopyBinary batch = new CopyBinary();
    private CopyIn rowCopy;
    private long chunkExports;
    private long chunkImports;

    StagingWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        loadId = stepExecution.getJobExecution().getJobInstanceId();
        sums = new SliceSums(loadId);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            sums = null; // a resumed staging starts new ones, which publishing will not use
        }
        return stepExecution.getExitStatus();
    }

    /** The sums made while this process staged the load's rows, if it did: publishing takes them. */
    Optional<SliceSums> sumsOf(long loadId) {
        SliceSums made = sums;
        if (made == null || made.loadId() != loadId) {
            return Optional.empty();
        }
        sums = null;
        return Optional.of(made);
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

    /** Sends a valid row on the chunk's COPY. */
    void stage(ParsedLine.TradeRow r) throws SQLException {
        summary.add(r);
        sums.add(r);
        if (r.flow() == 'E') {
            chunkExports++;
        } else {
            chunkImports++;
        }
        batch.row(8).field(loadId).field(r.flow()).field(r.year() * 10 + r.quarter()).field(r.depCode())
                .field(r.cpf4()).field(r.country()).field(r.valueEur()).field(r.massKg());
        if (batch.length() >= BATCH_BYTES) {
            sendBatch();
        }
    }

    /** Ends the chunk's COPY, then stages the chunk's rejected lines. */
    @Override
    public void write(Chunk<? extends List<ParsedLine.Rejected>> chunk) throws Exception {
        if (batch.rows() > 0) {
            sendBatch();
        }
        if (rowCopy != null) {
            byte[] trailer = CopyBinary.trailer();
            rowCopy.writeToCopy(trailer, 0, trailer.length);
            rowCopy.endCopy();
            rowCopy = null;
        }
        CopyText rejects = new CopyText();
        for (List<ParsedLine.Rejected> rejected : chunk) {
            for (ParsedLine.Rejected r : rejected) {
                rejects.field(loadId).field(r.file()).field(r.line()).field(r.raw()).field(r.reason())
                        .field(r.valueEur()).endRow();
            }
        }
        if (rejects.rows() > 0) {
            rejects.copyIn(dataSource, REJECTS_COPY);
        }
        long now = System.nanoTime();
        summary.addTime(now - since, chunkExports, chunkImports);
        since = now;
        chunkExports = 0;
        chunkImports = 0;
    }

    private void sendBatch() throws SQLException {
        if (rowCopy == null) {
            rowCopy = CopyBuffer.copyApi(dataSource).copyIn(ROWS_COPY);
            TransactionSynchronizationManager.registerSynchronization(new CancelOnRollback(rowCopy));
            byte[] header = CopyBinary.header();
            rowCopy.writeToCopy(header, 0, header.length);
        }
        rowCopy.writeToCopy(batch.bytes(), 0, batch.length());
        batch.clear();
    }

    /**
     * Ends a COPY its chunk left open (it failed between two rows): the driver refuses any other statement while a
     * COPY is in progress, the rollback included. Also forgets the failed chunk's rows.
     */
    private final class CancelOnRollback implements TransactionSynchronization {

        private final CopyIn copy;

        CancelOnRollback(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void beforeCompletion() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the connection is broken: the transaction is lost with it, which is what cancelling asks
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
                if (sums != null) {
                    sums.chunkRolledBack();
                }
                batch.clear();
                rowCopy = null;
                chunkExports = 0;
                chunkImports = 0;
            }
        }
    }
}
