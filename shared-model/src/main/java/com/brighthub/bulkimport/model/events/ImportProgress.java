package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * report-service's view of an import's progress: how many clients have an outcome, and whether
 * every client is accounted for ({@code completed}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportProgress(
        UUID eventId,
        String accountId,
        String importId,
        Instant occurredAt,
        long processed,
        long imported,
        long failed,
        long excluded,
        long alreadyLinked,
        Instant lastOutcomeAt,
        boolean completed) implements Checked {

    @Override
    public String problem() {
        return Checked.missing(new String[] {"accountId", "importId"}, accountId, importId);
    }
}
