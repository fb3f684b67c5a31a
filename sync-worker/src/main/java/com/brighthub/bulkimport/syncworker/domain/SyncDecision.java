package com.brighthub.bulkimport.syncworker.domain;

import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.syncworker.persistence.ClientState;

/**
 * What happened to one validated client, and the client's state afterwards.
 */
public record SyncDecision(ValidationResult input, SyncOutcome outcome, String brightClientId, Reason reason,
        ClientState state) {

    /**
     * True when the record is not decided yet but deferred: BrightClient throttles its practice, and it goes
     * to the deferred lane with no outcome and its client's state unchanged.
     */
    public boolean deferred() {
        return outcome == null;
    }
}
