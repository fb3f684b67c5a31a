package com.brighthub.bulkimport.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Moves a message that can never be processed to this service's dead-letter topic (the
 * {@code dead-letters} channel), with the reason and origin in headers, and counts it; the partition
 * then moves on.
 */
@ApplicationScoped
public class DeadLetters {

    /** Header names follow SmallRye's own dead-letter strategy so tools read both alike. */
    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    @Inject
    @Channel("dead-letters")
    Emitter<String> emitter;

    @Inject
    MeterRegistry registry;

    /** Sends the record to the dead-letter topic and waits for the broker's acknowledgement. */
    public void send(ConsumerRecord<String, String> record, String reason) {
        Log.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        RecordHeaders headers = new RecordHeaders();
        // the record's own headers travel with it (an import's record names its import in one)
        for (var h : record.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(REASON, bytes(reason));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET, bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        String value = record.value() == null ? "" : record.value();
        KeyedMessages.sendAll(emitter, List.of(Message.of(value).addMetadata(metadata)));
        registry.counter("bulkimport.dead.letters", "topic", record.topic()).increment();
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
