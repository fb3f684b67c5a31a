package com.brighthub.bulkimport.devtools;

import com.brighthub.bulkimport.model.KafkaSecurity;
import com.brighthub.bulkimport.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./bright dlq list|replay [--topic DLQ]}: what the services dead-lettered and why, and replaying
 * it to the topic it came from once its cause is fixed. Replay remembers where it got to (consumer group
 * {@code bright-dlq-replay}), so each dead letter is replayed once.
 */
public final class DlqCli {

    static final List<String> DLQS = List.of(Topics.DLQ_IMPORT_API, Topics.DLQ_RECORD_VALIDATOR,
            Topics.DLQ_SYNC_WORKER, Topics.DLQ_REPORT_SERVICE);

    private DlqCli() {
    }

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "list";
        List<String> topics = DLQS;
        for (int i = 1; i < args.length; i++) {
            if ("--topic".equals(args[i]) && i + 1 < args.length) {
                topics = List.of(args[++i]);
            } else {
                usage();
            }
        }
        switch (command) {
            case "list" -> list(topics);
            case "replay" -> replay(topics);
            default -> usage();
        }
    }

    static void list(List<String> topics) {
        Map<String, List<ConsumerRecord<String, String>>> byTopic = new LinkedHashMap<>();
        topics.forEach(t -> byTopic.put(t, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = consumer("bright-dlq-list-" + UUID.randomUUID(), kafka())) {
            consumer.subscribe(topics);
            drain(consumer, r -> byTopic.get(r.topic()).add(r));
        }
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> e : byTopic.entrySet()) {
            System.out.printf("%s: %d dead letters%n", e.getKey(), e.getValue().size());
            List<ConsumerRecord<String, String>> last = e.getValue().subList(Math.max(0, e.getValue().size() - 10),
                    e.getValue().size());
            for (ConsumerRecord<String, String> r : last) {
                System.out.printf("   from %s key %s: %s%n", header(r, "dead-letter-topic"), r.key(),
                        header(r, "dead-letter-reason"));
            }
        }
    }

    static void replay(List<String> topics) {
        System.out.println(replay(topics, kafka()) + " dead letters replayed to the topics they came from");
    }

    /** {@link #replay(List, Map)} on a plaintext broker. */
    public static int replay(List<String> topics, String bootstrap) {
        return replay(topics, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /**
     * Replays every dead letter not yet replayed to the topic it came from, with its own headers (an
     * import's record keeps naming its import); returns how many. {@code kafka}: the brokers and the
     * connection's security settings.
     */
    public static int replay(List<String> topics, Map<String, ?> kafka) {
        int replayed = 0;
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaConsumer<String, String> consumer = consumer("bright-dlq-replay", kafka);
                KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(topics);
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            drain(consumer, all::add);
            for (ConsumerRecord<String, String> r : all) {
                String origin = header(r, "dead-letter-topic");
                if (origin != null) {
                    ProducerRecord<String, String> again = new ProducerRecord<>(origin, r.key(), r.value());
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("dead-letter-")) {
                            again.headers().add(h);
                        }
                    }
                    producer.send(again);
                    replayed++;
                }
            }
            producer.flush();
            consumer.commitSync();
        }
        return replayed;
    }

    private static void drain(KafkaConsumer<String, String> consumer, java.util.function.Consumer<ConsumerRecord<String, String>> sink) {
        Instant quietUntil = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(quietUntil)) {
            var records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                records.forEach(sink);
                quietUntil = Instant.now().plusSeconds(2);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String group, Map<String, ?> kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The brokers and the security settings from the environment, as the services take them. */
    private static Map<String, Object> kafka() {
        return KafkaSecurity.clientConfig(System::getenv);
    }

    private static void usage() {
        System.err.println("usage: ./bright dlq list|replay [--topic DLQ]");
        System.exit(2);
    }
}
