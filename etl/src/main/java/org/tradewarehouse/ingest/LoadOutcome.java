package org.tradewarehouse.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a load did, in the operator's terms. */
public record LoadOutcome(Status status, long loadId, List<FlowFigures> flows, List<String> slices,
                          List<String> rejectSamples, String failure, Duration duration,
                          Map<String, Duration> steps) {

    public enum Status {
        /** STOPPED: asked to stop (shutdown) before it published; the next load of the same files resumes it. */
        PUBLISHED(0), FAILED(1), STOPPED(1), BUSY(3), REJECTED(4);

        public final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** Per flow (E, I, or ? for rejected lines whose flow could not be read). */
    /** One flow's figures; staging is the time spent reading and staging its rows (zero when not known). */
    public record FlowFigures(String flow, long rowsRead, long rowsLoaded, long rowsRejected, long valueLoadedEur,
                              long valueRejectedEur, Duration staging) {
    }

    static LoadOutcome busy() {
        return new LoadOutcome(Status.BUSY, 0, List.of(), List.of(), List.of(),
                "another load is running on this database; try again when it has finished", Duration.ZERO, Map.of());
    }
}
