package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A fact about an import run from import-api: it started, or its enumeration of BrightManager is
 * complete (then {@code total}, {@code alreadyLinked} and {@code emitted} are final).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportEvent(
        UUID eventId,
        String accountId,
        String importId,
        Type type,
        Instant occurredAt,
        String startedBy,
        Instant startedAt,
        long total,
        long alreadyLinked,
        long emitted) {

    /** The lifecycle facts import-api publishes. */
    public enum Type {
        STARTED, ENUMERATED
    }
}
