package org.tradewarehouse.ingest;

/** Staged rows vanished (PostgreSQL restarted and emptied the unlogged staging table): the load must start over. */
class StagingLostException extends RuntimeException {
    StagingLostException(long staged, long present) {
        super(String.format("%,d rows were staged but only %,d are still in staging (was the database restarted?);"
                + " nothing was published; run the load again to read the files from the start", staged, present));
    }
}
