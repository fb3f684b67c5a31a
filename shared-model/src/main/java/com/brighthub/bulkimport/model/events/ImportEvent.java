package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A fact about an import run from import-api: it started, a page of its enumeration of BrightManager
 * was sent on (running counts), or its enumeration is complete (then {@code total},
 * {@code alreadyLinked} and {@code emitted} are final).
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
        STARTED, ENUMERATING, ENUMERATED
    }
}
