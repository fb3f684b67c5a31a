package com.brighthub.bulkimport.common.messaging;

import com.brighthub.bulkimport.model.Json;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
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
        return keyedJson(key, Json.write(event), header, value);
    }

    /** A message of already encoded JSON, keyed, with one header. */
    public static Message<String> keyedJson(String key, String json, String header, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(header, value.getBytes(StandardCharsets.UTF_8));
        return Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build());
    }

    /** The value of a record's header as text, or null when it has none. */
    public static String header(ConsumerRecord<?, ?> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Sends every message and blocks until the broker acknowledged all of them. The acks are counted
     * on one future: a reactive pipeline per message cost more CPU than the send itself.
     */
    public static void sendAll(Emitter<String> emitter, List<Message<String>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger unacknowledged = new AtomicInteger(messages.size());
        for (Message<String> message : messages) {
            emitter.send(message.withAck(() -> {
                if (unacknowledged.decrementAndGet() == 0) {
                    all.complete(null);
                }
                return CompletableFuture.completedFuture(null);
            }).withNack(failure -> {
                all.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
        }
        try {
            all.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker's acks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a message: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge " + unacknowledged.get() + " of "
                    + messages.size() + " messages within " + SEND_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
