package com.brighthub.bulkimport.common.messaging;

import com.brighthub.bulkimport.model.Json;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends JSON events with their Kafka key and waits for the broker's acknowledgement, so that a
 * consumer commits its input only once its output is durably written (no fire-and-forget).
 */
public final class KeyedMessages {

    /** How long a batch of sends may take before the batch is failed and redelivered. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private KeyedMessages() {
    }

    /** A message whose payload is the event as JSON and whose Kafka key is {@code key}. */
    public static Message<String> keyed(String key, Object event) {
        return Message.of(Json.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }

    /** The same, with one header (a fact a consumer can read without decoding the event). */
    public static Message<String> keyed(String key, Object event, String header, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(header, value.getBytes(StandardCharsets.UTF_8));
        return Message.of(Json.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build());
    }

    /** The value of a record's header as text, or null when it has none. */
    public static String header(ConsumerRecord<?, ?> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Sends every message and blocks until the broker acknowledged all of them. */
    public static void sendAll(MutinyEmitter<String> emitter, List<Message<String>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<Uni<Void>> acks = new ArrayList<>(messages.size());
        for (Message<String> message : messages) {
            acks.add(emitter.sendMessage(message));
        }
        Uni.join().all(acks).andFailFast().replaceWithVoid().await().atMost(SEND_TIMEOUT);
    }
}
