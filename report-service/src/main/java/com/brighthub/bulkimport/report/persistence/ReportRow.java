package com.brighthub.bulkimport.report.persistence;

import java.time.Instant;

/**
 * An import's row of counters and its status (import-api's, as announced), as stored.
 */
public record ReportRow(String importId, String accountId, String startedBy, Instant startedAt, boolean enumerated,
        long total, long linkedAtStart, long emitted, long imported, long failed, long excluded, long linkedDuring,
        Instant firstOutcomeAt, Instant lastActivityAt, Instant completedAt, long resolvedSinceImport, String status,
        String failureReason, Instant endedAt) {

    /** True once import-api announced the import's end. */
    public boolean ended() {
        return !"RUNNING".equals(status);
    }

    /**
     * Clients of an import that ended before reaching them: 0 while running or when completed, and for a
     * failed or cancelled import the total less every client accounted for.
     */
    public long notProcessed() {
        return !ended() || "COMPLETED".equals(status) ? 0 : Math.max(0, total - processed());
    }

    /** Clients with an outcome, plus those already linked before the import reached them. */
    public long processed() {
        return linkedAtStart + imported + failed + excluded + linkedDuring;
    }

    /** Clients already linked: at enumeration, or found linked by the sync worker. */
    public long alreadyLinked() {
        return linkedAtStart + linkedDuring;
    }
}
