package org.tradewarehouse.ingest;

/**
 * The load's new slices do not hold what its staging step counted (rows staged by a version of the application
 * before an upgrade, which kept them elsewhere): the load must start over.
 */
class StagingLostException extends RuntimeException {
    StagingLostException(long staged, long present) {
        super(String.format("%,d rows were staged but the load's new slices hold %,d of them, or other euros (was the"
                + " warehouse upgraded while the load was unfinished?); nothing was published; run the load again to read"
                + " the files from the start", staged, present));
    }
}
