package org.tradewarehouse.ingest;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every line of every data file of a publication, in order. Its position (file, line) is saved with each
 * committed chunk, so a restarted load resumes after the last staged line instead of staging rows twice.
 */
class PublicationReader implements ItemStreamReader<LineBatch>, StepExecutionListener {

    private static final String FILE_KEY = "reader.file";
    private static final String LINE_KEY = "reader.line";

    private List<DataEntry> entries;
    private final LoadProgress progress;
    private final int batchLines;
    private int fileIndex;
    private long lineNumber;
    private LineInput input;
    /** The current file's name as reports give it, built once rather than for each of its lines. */
    private String fileName;
    private long bytesCounted;

    PublicationReader(List<DataEntry> entries, LoadProgress progress, int batchLines) {
        this.entries = entries;
        this.progress = progress;
        this.batchLines = batchLines;
    }

    /**
     * The reader of a step, taking the files from each execution's job parameters. Not a step-scoped bean: that
     * would be a proxy looking the bean up again on each of the millions of reads. One load runs at a time.
     */
    static PublicationReader ofEachExecution(LoadProgress progress, int batchLines) {
        return new PublicationReader(List.of(), progress, batchLines);
    }

    /** Within a step, the files are those of the running job. */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        entries = LoadSources.inspect(stepExecution.getJobParameters().getString("sources")).dataEntries();
    }

    @Override
    public void open(ExecutionContext context) {
        fileIndex = context.getInt(FILE_KEY, 0);
        long resumeAfter = context.getLong(LINE_KEY, 0L);
        progress.stagingStarted(entries.stream().mapToLong(DataEntry::size).sum());
        for (int i = 0; i < fileIndex && i < entries.size(); i++) {
            progress.addBytes(entries.get(i).size());
        }
        if (fileIndex < entries.size()) {
            openCurrent();
            try {
                while (lineNumber < resumeAfter && input.next()) {
                    lineNumber++;
                }
            } catch (IOException e) {
                throw new ItemStreamException(entries.get(fileIndex).displayName() + ": cannot be read (" + e.getMessage() + ")", e);
            }
            countBytes();
        }
    }

    /** The next lines, as many as a batch holds unless the publication ends first; null at its end. */
    @Override
    public LineBatch read() {
        List<SourceLine> lines = new ArrayList<>(batchLines);
        for (SourceLine line; lines.size() < batchLines && (line = readLine()) != null; ) {
            lines.add(line);
        }
        return lines.isEmpty() ? null : new LineBatch(lines);
    }

    /** The next line, or null at the end of the publication. */
    SourceLine readLine() {
        while (fileIndex < entries.size()) {
            DataEntry entry = entries.get(fileIndex);
            try {
                if (input.next()) {
                    lineNumber++;
                    if ((lineNumber & 1023) == 0) {
                        countBytes();
                    }
                    progress.addLine();
                    String text = input.text();
                    return new SourceLine(fileName, lineNumber, text, text == null ? input.lenientText() : text,
                            input.tooLong());
                }
            } catch (IOException e) {
                throw new ItemStreamException(entry.displayName() + " line " + (lineNumber + 1)
                        + ": cannot be read, the archive may be corrupted (" + e.getMessage() + ")", e);
            }
            countBytes();
            closeCurrent();
            fileIndex++;
            if (fileIndex < entries.size()) {
                openCurrent();
            }
        }
        return null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(FILE_KEY, fileIndex);
        context.putLong(LINE_KEY, lineNumber);
    }

    @Override
    public void close() {
        closeCurrent();
    }

    private void openCurrent() {
        DataEntry entry = entries.get(fileIndex);
        try {
            input = new LineInput(entry.open());
        } catch (IOException e) {
            throw new ItemStreamException(entry.displayName() + ": cannot be opened (" + e.getMessage() + ")", e);
        }
        fileName = entry.displayName();
        lineNumber = 0;
        bytesCounted = 0;
    }

    private void countBytes() {
        if (input != null) {
            progress.addBytes(input.bytesRead() - bytesCounted);
            bytesCounted = input.bytesRead();
        }
    }

    private void closeCurrent() {
        if (input != null) {
            try {
                input.close();
            } catch (IOException ignored) {
                // reading is over; nothing left to save
            }
            input = null;
        }
    }
}
