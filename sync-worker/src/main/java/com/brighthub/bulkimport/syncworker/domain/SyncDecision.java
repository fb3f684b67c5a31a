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
}
