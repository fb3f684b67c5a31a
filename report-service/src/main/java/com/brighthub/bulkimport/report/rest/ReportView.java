package com.brighthub.bulkimport.report.rest;

import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.ReportRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary report of one import (contracts.md): once it ended – COMPLETED, FAILED or CANCELLED, as
 * import-api decided – {@code alreadyLinked + excluded + imported + failed + notProcessed == total}.
 *
 * @param status import-api's status of the import: this service follows it, never decides it
 * @param total clients in the BrightManager account when the import ran (final once {@code enumerationComplete})
 * @param resolvedSinceImport failed clients that a later save in BrightManager synced to BrightClient
 * @param failuresByReason failure rows per reason code (a client with two reasons counts in both)
 * @param notProcessed clients a failed or cancelled import did not reach (0 otherwise)
 * @param failureReason why a FAILED import failed
 * @param outstanding clients sent on that have no outcome yet
 * @param clientsPerSecond outcomes per second since the first one
 * @param etaSeconds estimated seconds until every client is accounted for, while running
 */
public record ReportView(
        String importId,
        String accountId,
        String status,
        String startedBy,
        Instant startedAt,
        Instant finishedAt,
        boolean enumerationComplete,
        long total,
        long alreadyLinked,
        long excluded,
        long imported,
        long failed,
        long notProcessed,
        String failureReason,
        long resolvedSinceImport,
        long processed,
        long outstanding,
        int percent,
        Map<ReasonCode, Long> failuresByReason,
        List<ReasonSummary> reasons,
        Double clientsPerSecond,
        Long etaSeconds,
        boolean stalled,
        Instant lastActivityAt,
        String failuresCsvPath) {

    /** The view of a stored report at {@code now}. */
    public static ReportView of(ReportRow r, Map<String, long[]> byReason, Duration stallAfter, Instant now) {
        boolean complete = r.ended();
        Map<ReasonCode, Long> counts = new LinkedHashMap<>();
        List<ReasonSummary> reasons = new ArrayList<>();
        for (ReasonCode code : ReasonCode.values()) {
            long[] n = byReason.get(code.name());
            if (n != null) {
                counts.put(code, n[0]);
                reasons.add(new ReasonSummary(code, code.reason(), code.howToFix(), n[0], n[1]));
            }
        }
        long outcomes = r.imported() + r.failed() + r.excluded() + r.linkedDuring();
        // a cancelled import's clients not yet synced never will be: they are notProcessed, not outstanding
        long outstanding = "CANCELLED".equals(r.status()) ? 0 : Math.max(0, r.emitted() - outcomes);
        // of the clients known so far: while listing, outcomes can run ahead of the stored total
        long denominator = Math.max(r.total(), r.processed());
        int percent;
        if ("COMPLETED".equals(r.status())) {
            percent = 100;
        } else if (denominator == 0) {
            percent = 0;
        } else {
            // 100 only once ended: a running import that caught up with its listing is not done
            percent = (int) Math.min(complete ? 100 : 99, r.processed() * 100 / denominator);
        }
        Double rate = null;
        Long eta = null;
        if (r.firstOutcomeAt() != null && outcomes > 0) {
            Instant until = complete && r.lastActivityAt() != null ? r.lastActivityAt() : now;
            double seconds = Math.max(0.001, Duration.between(r.firstOutcomeAt(), until).toMillis() / 1000.0);
            rate = Math.round(outcomes / seconds * 10) / 10.0;
            if (!complete && r.enumerated() && rate > 0) {
                eta = (long) Math.ceil(outstanding / rate);
            }
        }
        Instant last = r.lastActivityAt() == null ? r.startedAt() : r.lastActivityAt();
        boolean stalled = !complete && last != null && last.plus(stallAfter).isBefore(now);
        return new ReportView(r.importId(), r.accountId(), r.status(), r.startedBy(),
                r.startedAt(), r.endedAt(), r.enumerated(), r.total(), r.alreadyLinked(), r.excluded(),
                r.imported(), r.failed(), r.notProcessed(), r.failureReason(), r.resolvedSinceImport(), r.processed(), outstanding, percent, counts, reasons, rate, eta, stalled,
                r.lastActivityAt(), "/api/v1/accounts/" + r.accountId() + "/imports/" + r.importId() + "/failures.csv");
    }
}
