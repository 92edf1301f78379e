package org.tradewarehouse.schedule;

import java.time.OffsetDateTime;

/** One decision of the scheduled fetch about one source (a publication address or an inbox file). */
public record SourceCheck(long checkId, OffsetDateTime checkedAt, String source, String etag, String lastModified,
                          String sha256, Decision decision, String reason, Long loadId, String archivedAs) {

    public enum Decision {
        LOADED("loaded"), UNCHANGED("unchanged"), FAILED("failed"), SKIPPED_BUSY("skipped-busy");

        /** As stored in dw.source_check and shown to operators. */
        public final String label;

        Decision(String label) {
            this.label = label;
        }

        static Decision of(String label) {
            for (Decision d : values()) {
                if (d.label.equals(label)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown decision " + label);
        }
    }

    /** A decision about to be recorded (id and time given by the database). */
    static SourceCheck of(String source, Decision decision, String reason) {
        return new SourceCheck(0, null, source, null, null, null, decision, reason, null, null);
    }

    SourceCheck withValidators(String etag, String lastModified) {
        return new SourceCheck(checkId, checkedAt, source, etag, lastModified, sha256, decision, reason, loadId, archivedAs);
    }

    SourceCheck withFile(String sha256, String archivedAs) {
        return new SourceCheck(checkId, checkedAt, source, etag, lastModified, sha256, decision, reason, loadId, archivedAs);
    }

    SourceCheck withOutcome(Decision decision, String reason, Long loadId) {
        return new SourceCheck(checkId, checkedAt, source, etag, lastModified, sha256, decision, reason, loadId, archivedAs);
    }
}
