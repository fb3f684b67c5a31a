package com.brighthub.bulkimport.common.messaging.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Builds a polled batch as the Kafka consumer hands it over, so a service test can drive its batch
 * handlers directly (the in-memory connector has no batches).
 */
public final class PolledBatch {

    private PolledBatch() {
    }

    /** One record per {@code key, value} pair, on partition 0 of {@code topic}. */
    public static ConsumerRecords<String, String> of(String topic, String... keysAndValues) {
        TopicPartition tp = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, String>> list = new ArrayList<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            list.add(new ConsumerRecord<>(topic, 0, i / 2, keysAndValues[i], keysAndValues[i + 1]));
        }
        return new ConsumerRecords<>(Map.of(tp, list), Map.of());
    }
}
