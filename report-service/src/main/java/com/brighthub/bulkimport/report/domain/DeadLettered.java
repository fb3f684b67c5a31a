package com.brighthub.bulkimport.report.domain;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.Outcome;
import com.brighthub.bulkimport.report.persistence.OutcomeKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of an import that a consumer dead-lettered still accounts for its client: as a
 * RECORD_UNREADABLE failure, once (an outcome counts once per import and client, so a later replay of
 * the record – or its ordinary outcome – never counts it twice). The import and client come from the
 * record when it can be read, else from its key and its import header.
 */
public final class DeadLettered {

    private DeadLettered() {
    }

    /** The outcome a dead-lettered record settles, or empty when it was no import's client record. */
    public static Optional<Outcome> of(ConsumerRecord<String, String> record) {
        JsonNode value = tree(record.value());
        if (value != null && "SAVE".equals(value.path("origin").asText())) {
            return Optional.empty();
        }
        String importId = text(value, "importId", KeyedMessages.header(record, ClientRecordEvent.IMPORT_HEADER));
        Optional<com.brighthub.bulkimport.model.ClientKey> key = com.brighthub.bulkimport.model.ClientKey.parse(record.key());
        String accountId = text(value, "accountId", key.map(com.brighthub.bulkimport.model.ClientKey::accountId).orElse(null));
        String clientId = text(value, "clientId", key.map(com.brighthub.bulkimport.model.ClientKey::clientId).orElse(null));
        if (importId == null || accountId == null || clientId == null) {
            return Optional.empty();
        }
        String source = KeyedMessages.header(record, DeadLetters.TOPIC);
        String why = KeyedMessages.header(record, DeadLetters.REASON);
        String detail = "The record could not be processed" + (source == null ? "" : " (" + source + ")")
                + (why == null ? "" : ": " + why);
        return Optional.of(new Outcome(importId, accountId, clientId, OutcomeKind.FAILED,
                List.of(new Reason(ReasonCode.RECORD_UNREADABLE, detail.length() > 500 ? detail.substring(0, 500) : detail)),
                value == null ? null : value.path("clientReference").asText(null),
                value == null ? null : value.path("clientName").asText(null), Instant.now()));
    }

    private static JsonNode tree(String value) {
        if (value == null || value.isBlank() || value.length() > EventBatch.MAX_EVENT_CHARS) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String text(JsonNode value, String field, String fallback) {
        String v = value == null ? null : value.path(field).asText(null);
        return v != null && !v.isBlank() ? v : fallback == null || fallback.isBlank() ? null : fallback;
    }
}
