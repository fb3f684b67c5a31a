package com.brighthub.bulkimport.model.events;

import com.brighthub.bulkimport.model.client.Client;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * One client to validate and sync: emitted per client by an import run, or by the change-listener
 * for a BrightManager save ({@code importId} is then null). A client file an import could not carry –
 * too large for the pipeline, or not decodable – comes without its client and with {@code unreadable}
 * saying why, so it is still accounted for (as a {@code RECORD_UNREADABLE} failure).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientRecordEvent(
        UUID eventId,
        String accountId,
        String importId,
        String clientId,
        Origin origin,
        Instant occurredAt,
        Client client,
        String unreadable) implements Checked {

    /**
     * The header naming an import's record's import: whatever happens to the record's value, a consumer
     * that dead-letters it can still say which import it belonged to.
     */
    public static final String IMPORT_HEADER = "import-id";

    /**
     * Named by its client (and an import's by its import). A save's record must also be readable: only an
     * import's unreadable record has a verdict, RECORD_UNREADABLE, as the import accounts for every client.
     */
    @Override
    public String problem() {
        String identity = Checked.clientIdentity(origin, accountId, importId, clientId);
        if (identity != null || origin == Origin.IMPORT) {
            return identity;
        }
        return whyUnreadable();
    }

    /** Why the record's client file cannot be validated, in words for the practice, or null when it can. */
    public String whyUnreadable() {
        if (unreadable != null && !unreadable.isBlank()) {
            return unreadable;
        }
        if (client == null) {
            return "The record came without its client file";
        }
        if (!clientId.equals(client.id())) {
            return "The record's client id does not match its client file's id";
        }
        return null;
    }

    /** A record for a client saved in BrightManager; {@code occurredAt} is the save's time, which orders saves. */
    public static ClientRecordEvent fromSave(String accountId, Client client, Instant savedAt) {
        return new ClientRecordEvent(UUID.randomUUID(), accountId, null, client.id(), Origin.SAVE,
                savedAt == null ? Instant.now() : savedAt, client, null);
    }

    /** A record for a client found by an import run. */
    public static ClientRecordEvent fromImport(String accountId, String importId, Client client) {
        return new ClientRecordEvent(UUID.randomUUID(), accountId, importId, client.id(), Origin.IMPORT,
                Instant.now(), client, null);
    }

    /** A record for a client file an import found but could not carry: {@code why} says what was wrong. */
    public static ClientRecordEvent unreadable(String accountId, String importId, String clientId, String why) {
        return new ClientRecordEvent(UUID.randomUUID(), accountId, importId, clientId, Origin.IMPORT, Instant.now(),
                null, why);
    }
}
