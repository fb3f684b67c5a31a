package com.brighthub.bulkimport.report.persistence;

import java.time.Instant;

/**
 * An import's row of counters, as stored.
 */
public record ReportRow(String importId, String accountId, String startedBy, Instant startedAt, boolean enumerated,
        long total, long linkedAtStart, long emitted, long imported, long failed, long excluded, long linkedDuring,
        Instant firstOutcomeAt, Instant lastActivityAt, Instant completedAt, long resolvedSinceImport) {

    /** Clients with an outcome, plus those already linked before the import reached them. */
    public long processed() {
        return linkedAtStart + imported + failed + excluded + linkedDuring;
    }

    /** Clients already linked: at enumeration, or found linked by the sync worker. */
    public long alreadyLinked() {
        return linkedAtStart + linkedDuring;
    }
}
