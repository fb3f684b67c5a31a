package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * Something done on a practice account that belongs in its audit trail, from a service other than
 * import-api (which keeps the trail): today, Bright Support reading an import's report or failures.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEvent(UUID eventId, String accountId, String userId, String role, String action, String outcome,
        String importId, String message, Instant at) implements Checked {

    @Override
    public String problem() {
        return Checked.missing(new String[] {"accountId", "action", "outcome"}, accountId, action, outcome);
    }
}
