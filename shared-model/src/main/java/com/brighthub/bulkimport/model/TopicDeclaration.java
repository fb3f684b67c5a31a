package com.brighthub.bulkimport.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a topic must be for the system to work as designed: at least {@code partitions} partitions and
 * {@code replicationFactor} replicas, this {@code cleanupPolicy}, records kept at least {@code retentionMs}
 * ({@code -1}: for ever, as compaction keeps them) and messages of {@code maxMessageBytes} accepted.
 */
public record TopicDeclaration(String name, int partitions, short replicationFactor, String cleanupPolicy,
        long retentionMs, int maxMessageBytes) {

    /** The topic-level settings to create it with. */
    public Map<String, String> configs() {
        return Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retentionMs),
                "max.message.bytes", Integer.toString(maxMessageBytes));
    }

    /**
     * How an existing topic contradicts this declaration, one phrase per setting; empty when it does not.
     * More partitions, replicas, retention or message size than declared is fine (an operator scaled up).
     */
    public List<String> contradictions(int actualPartitions, int actualReplicas, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        if (actualPartitions < partitions) {
            out.add("it has " + actualPartitions + " partitions, at least " + partitions + " are declared");
        }
        if (actualReplicas < replicationFactor) {
            out.add("it has " + actualReplicas + " replicas, at least " + replicationFactor + " are declared");
        }
        String policy = actual.getOrDefault("cleanup.policy", "delete");
        if (!policy.equals(cleanupPolicy)) {
            out.add("cleanup.policy is " + policy + ", " + cleanupPolicy + " is declared");
        }
        long retention = parse(actual.get("retention.ms"), -1);
        if (retentionMs < 0 ? retention >= 0 && "delete".equals(cleanupPolicy) : retention >= 0 && retention < retentionMs) {
            out.add("retention.ms is " + retention + ", at least " + (retentionMs < 0 ? "unlimited" : retentionMs)
                    + " is declared");
        }
        long maxBytes = parse(actual.get("max.message.bytes"), 0);
        if (maxBytes < maxMessageBytes) {
            out.add("max.message.bytes is " + maxBytes + ", at least " + maxMessageBytes + " is declared");
        }
        return out;
    }

    private static long parse(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
