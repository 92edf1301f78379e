package org.tradewarehouse.ingest;

import org.jooq.DSLContext;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Stages a chunk with PostgreSQL COPY, on the chunk's own transaction: the rows and the reader's saved position
 * commit together, so a restart neither loses nor repeats a line. Rows go straight into the load's new fact slices
 * (see {@link FactSlices}), with their dimension keys ({@link DimensionKeys}): publishing attaches the slices as they
 * are. A row of a slice the load has not met yet adds the slice first, in the chunk's transaction.
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

    private static final String ROWS_COPY = "COPY %s"
            + " (time_key, geo_key, product_key, partner_key, flow, value_eur, mass_kg, load_id) FROM STDIN (FORMAT binary)";
    private static final String REJECTS_COPY = "COPY staging.reject (load_id, file, line, raw, reason, value_eur) FROM STDIN";
    /** Rows are handed to the driver in batches of about this size, which it sends as its buffer fills. */
    private static final int BATCH_BYTES = 1 << 15;

    private final DSLContext dsl;
    private final DataSource dataSource;
    private final FactSlices factSlices;
    private long loadId;
    /** The COPY of this load's rows into its new fact slices. */
    private String rowsCopy;
    private DimensionKeys keys;
    /** The load's slices (flow << 16 ^ time key) that have their table, the last one met first; null: to look up. */
    private int[] slices;
    private int sliceCount;
    /** The sums of this execution's staged rows, until publishing takes them. */
    private SliceSums sums;
    private StagedSummary summary = new StagedSummary();
    /** End of the previous chunk: a chunk's time runs from there, reading and parsing included. */
    private long since = System.nanoTime();

    /** The chunk's rows not yet handed to the COPY, and the COPY (null until the chunk's first row). */
    private final CopyBinary batch = new CopyBinary();
    private CopyIn rowCopy;
    /** Whether the chunk's transaction has its {@link ChunkEnd}: registered at the chunk's first row. */
    private boolean inChunk;
    private long chunkExports;
    private long chunkImports;

    StagingWriter(DSLContext dsl, DataSource dataSource) {
        this.dsl = dsl;
        this.dataSource = dataSource;
        this.factSlices = new FactSlices(dsl, dataSource);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        loadId = stepExecution.getJobExecution().getJobInstanceId();
        rowsCopy = String.format(ROWS_COPY, FactSlices.shadow(FactSlices.FACTS, loadId));
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
        keys = DimensionKeys.of(dsl, dataSource, loadId);
        slices = null;
        since = System.nanoTime();
    }

    @Override
    public void update(ExecutionContext context) {
        summary.saveTo(context);
    }

    /** Sends a valid row on the chunk's COPY. */
    void stage(ParsedLine.TradeRow r) throws SQLException {
        if (!inChunk) {
            TransactionSynchronizationManager.registerSynchronization(new ChunkEnd());
            inChunk = true;
        }
        summary.add(r);
        sums.add(r);
        if (r.flow() == 'E') {
            chunkExports++;
        } else {
            chunkImports++;
        }
        int timeKey = r.year() * 10 + r.quarter();
        if (slices == null || sliceCount == 0 || slices[0] != (r.flow() << 16 ^ timeKey)) {
            meetSlice(r.flow(), timeKey);
        }
        batch.row(8).field(timeKey).field(keys.geography(r.depCode())).field(keys.product(r.cpf4()))
                .field(keys.partner(r.country())).field(r.flow()).field(r.valueEur()).field(r.massKg()).field(loadId);
        if (batch.length() >= BATCH_BYTES) {
            sendBatch();
        }
    }

    /**
     * Puts the slice first among the load's slices, adding its table when it has none: the chunk's COPY is ended for
     * that, as the connection takes no other statement during a COPY, and the next rows open another.
     */
    private void meetSlice(char flow, int timeKey) throws SQLException {
        int slice = flow << 16 ^ timeKey;
        if (slices == null) {
            endRowCopy();
            slices = factSlices.built(FactSlices.FACTS, loadId).stream()
                    .mapToInt(k -> k.charAt(0) << 16 ^ Integer.parseInt(k.substring(1))).toArray();
            sliceCount = slices.length;
        }
        int at = 0;
        while (at < sliceCount && slices[at] != slice) {
            at++;
        }
        if (at == sliceCount) {
            endRowCopy();
            factSlices.add(FactSlices.FACTS, loadId, flow, timeKey);
            if (sliceCount == slices.length) {
                slices = Arrays.copyOf(slices, sliceCount * 2 + 1);
            }
            sliceCount++;
        }
        System.arraycopy(slices, 0, slices, 1, at);
        slices[0] = slice;
    }

    /** Ends the chunk's COPY, then stages the chunk's rejected lines. */
    @Override
    public void write(Chunk<? extends List<ParsedLine.Rejected>> chunk) throws Exception {
        endRowCopy();
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

    /** Sends the rows not sent yet and ends the COPY, if one is open. */
    private void endRowCopy() throws SQLException {
        if (batch.rows() > 0) {
            sendBatch();
        }
        if (rowCopy != null) {
            byte[] trailer = CopyBinary.trailer();
            rowCopy.writeToCopy(trailer, 0, trailer.length);
            rowCopy.endCopy();
            rowCopy = null;
        }
    }

    private void sendBatch() throws SQLException {
        if (rowCopy == null) {
            rowCopy = CopyBuffer.copyApi(dataSource).copyIn(rowsCopy);
            byte[] header = CopyBinary.header();
            rowCopy.writeToCopy(header, 0, header.length);
        }
        rowCopy.writeToCopy(batch.bytes(), 0, batch.length());
        batch.clear();
    }

    /**
     * The end of a chunk's transaction. On a rollback: ends the COPY the chunk left open (it failed between two rows:
     * the driver refuses any other statement while a COPY is in progress, the rollback included), and forgets what
     * the chunk did, its rows not sent yet and the slices it added included, so that nothing of it reaches the next.
     */
    private final class ChunkEnd implements TransactionSynchronization {

        @Override
        public void beforeCompletion() {
            if (rowCopy != null && rowCopy.isActive()) {
                try {
                    rowCopy.cancelCopy();
                } catch (SQLException e) {
                    // the connection is broken: the transaction is lost with it, which is what cancelling asks
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            inChunk = false;
            if (status != STATUS_COMMITTED) {
                if (sums != null) {
                    sums.chunkRolledBack();
                }
                batch.clear();
                rowCopy = null;
                slices = null;
                chunkExports = 0;
                chunkImports = 0;
            }
        }
    }
}
