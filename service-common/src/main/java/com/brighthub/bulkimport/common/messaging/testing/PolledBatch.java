package com.brighthub.bulkimport.common.messaging.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Builds a polled batch as the Kafka consumer hands it over, so a service test can drive its batch
 * handlers directly (the in-memory connector has no batches).
 */
public final class PolledBatch {

    private PolledBatch() {
    }

    /** One record per {@code key, value} pair, on partition 0 of {@code topic}. */
    public static ConsumerRecords<String, String> of(String topic, String... keysAndValues) {
        Builder b = builder();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            b.add(topic, keysAndValues[i], keysAndValues[i + 1]);
        }
        return b.build();
    }

    /** A batch that spans several topics, in the order records are added (per topic). */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects records of any topics into one polled batch. */
    public static final class Builder {
        private final Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();

        public Builder add(String topic, String key, String value) {
            return add(topic, key, value, new RecordHeaders());
        }

        /** A record with one header. */
        public Builder add(String topic, String key, String value, String header, String headerValue) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(header, headerValue.getBytes(StandardCharsets.UTF_8));
            return add(topic, key, value, headers);
        }

        private Builder add(String topic, String key, String value, RecordHeaders headers) {
            List<ConsumerRecord<String, String>> list = records.computeIfAbsent(new TopicPartition(topic, 0),
                    tp -> new ArrayList<>());
            list.add(new ConsumerRecord<>(topic, 0, list.size(), ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                    ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, headers, Optional.empty()));
            return this;
        }

        public ConsumerRecords<String, String> build() {
            return new ConsumerRecords<>(records, Map.of());
        }
    }
}
