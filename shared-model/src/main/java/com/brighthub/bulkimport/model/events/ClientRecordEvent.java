package com.brighthub.bulkimport.model.events;

import com.brighthub.bulkimport.model.client.Client;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * One client to validate and sync: emitted per client by an import run, or by the change-listener
 * for a BrightManager save ({@code importId} is then null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientRecordEvent(
        UUID eventId,
        String accountId,
        String importId,
        String clientId,
        Origin origin,
        Instant occurredAt,
        Client client) {

    /** A record for a client saved in BrightManager; {@code occurredAt} is the save's time, which orders saves. */
    public static ClientRecordEvent fromSave(String accountId, Client client, Instant savedAt) {
        return new ClientRecordEvent(UUID.randomUUID(), accountId, null, client.id(), Origin.SAVE,
                savedAt == null ? Instant.now() : savedAt, client);
    }

    /** A record for a client found by an import run. */
    public static ClientRecordEvent fromImport(String accountId, String importId, Client client) {
        return new ClientRecordEvent(UUID.randomUUID(), accountId, importId, client.id(), Origin.IMPORT,
                Instant.now(), client);
    }
}
