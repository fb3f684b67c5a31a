package com.brighthub.bulkimport.common.messaging;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.MalformedEventException;
import com.brighthub.bulkimport.model.events.Checked;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * Decodes a polled batch of JSON events; each record that cannot be decoded, or whose event breaks
 * the given check, goes to the dead-letter topic so the rest of the batch (and the partition) moves on.
 */
public final class EventBatch {

    /** A decoded event with the record it came from. */
    public record Decoded<T>(ConsumerRecord<String, String> record, T event) {
    }

    /**
     * The largest event we decode; anything larger is dead-lettered unread. A client is a few KiB, a
     * large practice's client with thousands of contacts a few hundred; import-api sends none above
     * 900 KiB (larger ones become RECORD_UNREADABLE failures), and Kafka takes none above 1 MiB.
     */
    public static final int MAX_EVENT_CHARS = 1024 * 1024;

    private EventBatch() {
    }

    /**
     * Decodes every record as {@code type}; one that is not JSON of it, or that says it cannot be processed
     * ({@link Checked#problem}), is dead-lettered with the reason.
     */
    public static <T extends Checked> List<Decoded<T>> decode(ConsumerRecords<String, String> records, Class<T> type,
            DeadLetters deadLetters) {
        List<Decoded<T>> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            T event = decode(record, type, deadLetters);
            if (event != null) {
                out.add(new Decoded<>(record, event));
            }
        }
        return out;
    }

    /** Decodes one record as {@code type}, or dead-letters it and returns null. */
    public static <T extends Checked> T decode(ConsumerRecord<String, String> record, Class<T> type,
            DeadLetters deadLetters) {
        if (record.value() != null && record.value().length() > MAX_EVENT_CHARS) {
            deadLetters.send(record, "oversized: " + record.value().length() + " characters (limit " + MAX_EVENT_CHARS + ")");
            return null;
        }
        try {
            T event = Json.read(record.value(), type);
            String why = event.problem();
            if (why == null) {
                return event;
            }
            deadLetters.send(record, why);
        } catch (MalformedEventException e) {
            deadLetters.send(record, e.getMessage());
        }
        return null;
    }

    /**
     * The verdict a validation result's record names in its header (see
     * {@link ValidationResult#VERDICT_HEADER}), so a consumer can skip verdicts it does not need
     * unread; null when the record has no such header or an unknown value, and must be decoded.
     */
    public static Verdict headedVerdict(ConsumerRecord<?, ?> record) {
        String name = KeyedMessages.header(record, ValidationResult.VERDICT_HEADER);
        if (name == null) {
            return null;
        }
        try {
            return Verdict.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

}
