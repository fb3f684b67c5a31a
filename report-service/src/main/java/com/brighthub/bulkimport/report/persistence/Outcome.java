package com.brighthub.bulkimport.report.persistence;

import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.SyncResult;
import com.brighthub.bulkimport.model.events.ValidationResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One client's final outcome in one import, with its failure reasons.
 */
public record Outcome(String importId, String accountId, String clientId, OutcomeKind kind, List<Reason> reasons,
        String clientReference, String clientName, Instant at) {

    /** The outcome a verdict settles: FAIL and EXCLUDED are final, PASS waits for the sync. */
    public static Optional<Outcome> of(ValidationResult v) {
        OutcomeKind kind = switch (v.verdict()) {
            case PASS -> null;
            case FAIL -> OutcomeKind.FAILED;
            case EXCLUDED -> OutcomeKind.EXCLUDED;
        };
        return kind == null ? Optional.empty() : Optional.of(new Outcome(v.importId(), v.accountId(), v.clientId(),
                kind, kind == OutcomeKind.FAILED ? v.reasons() : List.of(), v.clientReference(), v.clientName(),
                v.occurredAt()));
    }

    /** The outcome a sync result settles. */
    public static Optional<Outcome> of(SyncResult s) {
        OutcomeKind kind = switch (s.outcome()) {
            case IMPORTED -> OutcomeKind.IMPORTED;
            case ALREADY_LINKED -> OutcomeKind.ALREADY_LINKED;
            case REJECTED -> OutcomeKind.FAILED;
            case UPDATED, STALE, SKIPPED -> null;
        };
        return kind == null ? Optional.empty() : Optional.of(new Outcome(s.importId(), s.accountId(), s.clientId(),
                kind, kind == OutcomeKind.FAILED ? s.reasons() : List.of(), s.clientReference(), s.clientName(),
                s.occurredAt()));
    }
}
