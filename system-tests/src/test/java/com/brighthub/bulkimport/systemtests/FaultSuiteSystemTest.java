package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing duplicated, the way Kafka's own system tests prove it: each scenario imports a
 * generated practice of 5,000 clients, injects its fault when about a third is done, and then the
 * report must be exactly what the generator injected and BrightClient must hold each valid client once.
 */
class FaultSuiteSystemTest {

    static final int CLIENTS = 5_000;
    static final List<String> TABLE = new ArrayList<>();
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    @AfterAll
    static void printTable() {
        System.out.println("\nfault suite (" + CLIENTS + " clients each, fault at about a third):");
        System.out.printf("%-44s | %-22s | %-22s | %10s | %4s | %7s%n", "scenario", "expected imp/fail/excl",
                "got imp/fail/excl", "duplicates", "lost", "time s");
        TABLE.forEach(System.out::println);
    }

    interface Fault {
        void inject(Practice practice) throws Exception;
    }

    void scenario(String name, long seed, Fault fault) throws Exception {
        Practice practice = new Practice(stack).withBrightClient(true);
        JsonNode expected = practice.generate(CLIENTS, seed);
        Instant start = Instant.now();
        String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
        await(name + ": a third done").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> practice.status(importId).path("processed").asLong() >= CLIENTS / 3);

        fault.inject(practice);

        await(name + ": completed").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(practice.status(importId).path("status").asText()));
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        JsonNode report = practice.report(importId);
        JsonNode held = practice.brightClientStats();
        long accounted = report.path("alreadyLinked").asLong() + report.path("excluded").asLong()
                + report.path("imported").asLong() + report.path("failed").asLong();
        TABLE.add(String.format("%-44s | %,6d/%,5d/%,5d     | %,6d/%,5d/%,5d     | %10d | %4d | %7.1f", name,
                expected.path("validClients").asLong(), expected.path("failedClients").asLong(),
                expected.path("excluded").asLong(), report.path("imported").asLong(), report.path("failed").asLong(),
                report.path("excluded").asLong(), held.path("duplicates").asLong(), CLIENTS - accounted, seconds));

        assertThat(report.path("total").asLong()).as(name).isEqualTo(CLIENTS);
        assertThat(accounted).as(name + ": every client accounted for").isEqualTo(CLIENTS);
        assertThat(report.path("imported").asLong()).as(name).isEqualTo(expected.path("validClients").asLong());
        assertThat(report.path("failed").asLong()).as(name).isEqualTo(expected.path("failedClients").asLong());
        assertThat(report.path("excluded").asLong()).as(name).isEqualTo(expected.path("excluded").asLong());
        assertThat(report.path("failuresByReason")).as(name).isEqualTo(expected.path("rowsByReason"));
        assertThat(held.path("records").asLong()).as(name + ": BrightClient holds the imported clients")
                .isEqualTo(expected.path("validClients").asLong());
        assertThat(held.path("duplicates").asLong()).as(name).isZero();
    }

    Fault killAndRestart(String service) {
        return practice -> {
            stack.killService(service);
            stack.restartService(service, Map.of());
        };
    }

    void faults(Practice p, String json) {
        Practice.expect(p.api.put(p.api.sandbox() + "/sandbox/faults", null, json), 200);
    }

    @Test
    void s01SigkillImportApi() throws Exception {
        scenario("1. SIGKILL import-api, restart", 101, killAndRestart("import-api"));
    }

    @Test
    void s02SigkillRecordValidator() throws Exception {
        scenario("2. SIGKILL record-validator, restart", 102, killAndRestart("record-validator"));
    }

    @Test
    void s03SigkillSyncWorker() throws Exception {
        scenario("3. SIGKILL sync-worker, restart", 103, killAndRestart("sync-worker"));
    }

    @Test
    void s04SigkillReportService() throws Exception {
        scenario("4. SIGKILL report-service, restart", 104, killAndRestart("report-service"));
    }

    @Test
    void s05SigkillKafka() throws Exception {
        scenario("5. SIGKILL the Kafka broker, restart", 105, practice -> {
            stack.killKafka();
            stack.restartKafka();
        });
    }

    @Test
    void s06RestartPostgres() throws Exception {
        Assumptions.assumeTrue(stack.canRestartPostgres(), "PostgreSQL is not a local cluster this machine can restart");
        scenario("6. restart PostgreSQL", 106, practice -> stack.restartPostgres());
    }

    @Test
    void s07FlakyBrightClient() throws Exception {
        Practice setup = new Practice(stack);
        faults(setup, "{\"latencyMs\": 5, \"errorRate\": 0.3, \"status\": 503, \"throttleRate\": 0.1}");
        try {
            scenario("7. BrightClient 30% 503 + 10% 429 + latency", 107, practice -> { });
        } finally {
            faults(setup, "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        }
    }

    @Test
    void s08BrightClientDownForAMinute() throws Exception {
        AtomicBoolean stalledSeen = new AtomicBoolean();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            scenario("8. BrightClient down for 60 s", 108, practice -> {
                faults(practice, "{\"latencyMs\": 0, \"errorRate\": 1.0, \"status\": 503, \"throttleRate\": 0.0}");
                var back = timer.schedule(() -> faults(practice,
                        "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}"), 60, TimeUnit.SECONDS);
                // while it is down the import says so: stalled once nothing progressed for the stall time
                String importId = practice.api.get(practice.api.importApi() + "/api/v1/accounts/" + practice.account
                        + "/imports", practice.admin).body().get(0).path("importId").asText();
                await("stalled shown").atMost(Duration.ofSeconds(58)).pollInterval(Duration.ofMillis(500))
                        .until(() -> practice.status(importId).path("stalled").asBoolean());
                stalledSeen.set(true);
                back.get();
            });
        } finally {
            timer.shutdownNow();
            faults(new Practice(stack), "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        }
        assertThat(stalledSeen).isTrue();
    }

    @Test
    void s09TwoSyncWorkersOneKilled() throws Exception {
        stack.startInstance("sync-worker-2", "sync-worker");
        try {
            scenario("9. two sync-workers, one SIGKILLed", 109, practice -> stack.killService("sync-worker-2"));
        } finally {
            stack.killService("sync-worker-2");
        }
    }

    @Test
    void s10PoisonOnEveryTopic() throws Exception {
        String marker = "POISON-" + UUID.randomUUID();
        List<String> topics = List.of(Topics.CLIENT_SAVED, Topics.CLIENT_RECORDS, Topics.VALIDATION_RESULTS,
                Topics.SYNC_RESULTS, Topics.IMPORT_EVENTS, Topics.IMPORT_PROGRESS, Topics.CLIENT_LINKS);
        scenario("10. poison messages on every topic", 110, practice -> {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                for (String topic : topics) {
                    producer.send(new ProducerRecord<>(topic, practice.account + ":BM-0000001", "{" + marker));
                }
                producer.flush();
            }
        });
        List<String> dlqs = List.of(Topics.DLQ_IMPORT_API, Topics.DLQ_RECORD_VALIDATOR, Topics.DLQ_SYNC_WORKER,
                Topics.DLQ_REPORT_SERVICE);
        await("every poison dead-lettered").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(deadLetteredFrom(dlqs, marker)).containsAll(topics));
    }

    /** The original topics of the dead letters carrying {@code marker}. */
    static List<String> deadLetteredFrom(List<String> dlqs, String marker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> from = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(dlqs);
            Instant until = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Header topic = r.headers().lastHeader("dead-letter-topic");
                    if (r.value() != null && r.value().contains(marker) && topic != null) {
                        from.add(new String(topic.value()));
                    }
                }
            }
        }
        return from;
    }

}
