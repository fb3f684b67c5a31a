package com.brighthub.bulkimport.model.events;

import com.brighthub.bulkimport.model.client.Client;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The validator's verdict on one client: PASS carries the client on to the sync worker, FAIL and
 * EXCLUDED carry every reason. {@code recordedAt} is when the client record was made: for a save, the
 * save's time, which orders one client's saves.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValidationResult(
        UUID eventId,
        String accountId,
        String importId,
        String clientId,
        Origin origin,
        Instant occurredAt,
        Verdict verdict,
        List<Reason> reasons,
        Client client,
        String clientReference,
        String clientName,
        Instant recordedAt) implements Checked {

    /**
     * The Kafka header that carries the verdict's name, so a consumer that needs only some verdicts
     * skips the others unread (a PASS carries the whole client, the largest event of all).
     */
    public static final String VERDICT_HEADER = "verdict";

    public ValidationResult {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Named by its client, with a verdict; a PASS carries its client, which sync-worker creates from. */
    @Override
    public String problem() {
        if (verdict == null) {
            return "missing verdict";
        }
        String identity = Checked.clientIdentity(origin, accountId, importId, clientId);
        if (identity != null) {
            return identity;
        }
        if (verdict == Verdict.PASS && (client == null || !clientId.equals(client.id()))) {
            return "a PASS verdict must carry its client";
        }
        return null;
    }
}
