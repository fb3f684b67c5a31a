package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The sync worker's outcome for one client, with the BrightClient id once linked.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncResult(
        UUID eventId,
        String accountId,
        String importId,
        String clientId,
        Origin origin,
        Instant occurredAt,
        SyncOutcome outcome,
        String brightClientId,
        List<Reason> reasons,
        String clientReference,
        String clientName) implements Checked {

    public SyncResult {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public String problem() {
        return outcome == null ? "missing outcome" : Checked.clientIdentity(origin, accountId, importId, clientId);
    }
}
