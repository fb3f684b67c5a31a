package com.brighthub.bulkimport.report.persistence;

import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.SyncResult;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * What a BrightManager save did to a client that may have failed in earlier imports: it synced (its
 * failures are resolved), or it still fails, for these reasons (its open failures are brought up to date).
 */
public record SaveOutcome(String accountId, String clientId, boolean synced, List<Reason> reasons,
        String clientReference, String clientName) {

    /** A verdict on a save: only a FAIL says something the report keeps (a PASS waits for the sync). */
    public static Optional<SaveOutcome> of(ValidationResult v) {
        return v.verdict() == Verdict.FAIL
                ? Optional.of(new SaveOutcome(v.accountId(), v.clientId(), false, v.reasons(), v.clientReference(),
                        v.clientName()))
                : Optional.empty();
    }

    /** A sync result of a save: created or updated in BrightClient resolves; a rejection still fails. */
    public static Optional<SaveOutcome> of(SyncResult s) {
        return switch (s.outcome()) {
            case IMPORTED, UPDATED -> Optional.of(new SaveOutcome(s.accountId(), s.clientId(), true, List.of(),
                    s.clientReference(), s.clientName()));
            case REJECTED -> Optional.of(new SaveOutcome(s.accountId(), s.clientId(), false, s.reasons(),
                    s.clientReference(), s.clientName()));
            case ALREADY_LINKED, STALE, SKIPPED -> Optional.empty();
        };
    }
}
