package com.brighthub.bulkimport.importapi.rest;

import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import java.time.Duration;
import java.time.Instant;

/**
 * An import as the API shows it: status, who started it and when, and progress.
 *
 * @param total clients found in BrightManager so far (final once {@code enumerationComplete})
 * @param processed clients accounted for: imported, failed, excluded or already linked
 * @param stalled true while running when nothing has progressed for the configured time (never while queued)
 * @param queued true while the import waits for a free enumerator: it has not been picked up yet
 * @param queuePosition while queued, its place in the queue (1: next); null otherwise
 * @param failureReason why a FAILED import failed, in words the user can act on
 * @param cancelledBy who cancelled a CANCELLED import, and in which role
 */
public record ImportView(
        String importId,
        String accountId,
        ImportStatus status,
        String startedBy,
        String startedRole,
        Instant startedAt,
        Instant finishedAt,
        long total,
        long processed,
        int percent,
        boolean enumerationComplete,
        long alreadyLinked,
        boolean stalled,
        boolean queued,
        Long queuePosition,
        Instant lastActivityAt,
        String failureReason,
        String cancelledBy,
        String reportPath) {

    /** The view of a run at {@code now}, flagged stalled after {@code stallAfter} without progress. */
    public static ImportView from(ImportRun run, Duration stallAfter, Instant now) {
        return from(run, stallAfter, now, null);
    }

    /** The same, with a queued import's place in the queue. */
    public static ImportView from(ImportRun run, Duration stallAfter, Instant now, Long queuePosition) {
        long denominator = run.enumerationDone ? run.total
                : Math.max(run.total, run.expectedTotal == null ? 0 : run.expectedTotal);
        long processed = Math.min(run.processed, denominator);
        int percent = run.status == ImportStatus.COMPLETED ? 100
                : denominator == 0 ? 0 : (int) Math.min(99, processed * 100 / denominator);
        boolean queued = queued(run);
        boolean stalled = run.status == ImportStatus.RUNNING && !queued && run.lastActivityAt.plus(stallAfter).isBefore(now);
        return new ImportView(run.id, run.accountId, run.status, run.startedBy, run.startedRole, run.startedAt,
                run.finishedAt, run.total, processed, percent, run.enumerationDone, run.alreadyLinked, stalled, queued,
                queued ? queuePosition : null, run.lastActivityAt, run.failureReason, run.cancelledBy, "/api/v1/accounts/" + run.accountId + "/imports/" + run.id + "/report");
    }

    /** The view of a run at {@code now}, with its place in the queue while queued. */
    public static ImportView of(ImportRun run, com.brighthub.bulkimport.importapi.domain.ImportService imports,
            Duration stallAfter, Instant now) {
        return from(run, stallAfter, now, queued(run) ? imports.queuePosition(run) : null);
    }

    /** True while a running import waits for its first enumerator. */
    public static boolean queued(ImportRun run) {
        return run.status == ImportStatus.RUNNING && !run.enumerationDone && run.leaseEpoch == 0;
    }
}
