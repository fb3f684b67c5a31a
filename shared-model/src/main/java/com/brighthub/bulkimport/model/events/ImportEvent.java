package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A fact about an import run from import-api, which owns an import's status: it started, a page of its
 * enumeration of BrightManager was sent on (running counts), its enumeration is complete (then
 * {@code total}, {@code alreadyLinked} and {@code emitted} are final), or it ended – COMPLETED, FAILED
 * (with {@code failureReason}) or CANCELLED. report-service follows these; it never decides a status.
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
        long emitted,
        String failureReason) implements Checked {

    @Override
    public String problem() {
        String missing = Checked.missing(new String[] {"accountId", "importId"}, accountId, importId);
        return missing != null ? missing : type == null ? "missing type" : null;
    }

    /** The lifecycle facts import-api publishes. */
    public enum Type {
        STARTED, ENUMERATING, ENUMERATED, COMPLETED, FAILED, CANCELLED;

        /** True for the facts that end an import. */
        public boolean ends() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }
}
