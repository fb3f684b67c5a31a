package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.devtools.DlqCli;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.rules.ClientRules;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.admin.Admin;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
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
        System.out.println("\nfault suite (1-10: " + CLIENTS + " clients each, fault at about a third; 11-17: imports"
                + " that end every way, each asserting its ending and exact buckets):");
        System.out.printf("%-44s | %-22s | %-22s | %10s | %4s | %7s%n", "scenario", "expected imp/fail/excl",
                "got imp/fail/excl", "duplicates", "lost", "time s");
        TABLE.forEach(System.out::println);
    }

    interface Fault {
        void inject(Practice practice) throws Exception;
    }

    void scenario(String name, long seed, Fault fault) throws Exception {
        scenario(name, seed, practice -> { }, "a third done",
                status -> status.path("processed").asLong() >= CLIENTS / 3, fault);
    }

    /**
     * How a scenario's practice came to be: generated as pre-existing files, or loaded as practices load
     * them – every file saved in BrightManager before BrightClient was enabled, those saves waiting unread
     * on import-api's change-listener until after the enabling – and, in both, whether the admin saves
     * some valid clients again while the fault is on.
     */
    record Load(boolean bySaves, int savesDuringFault) {
        static final Load GENERATED = new Load(false, 0);
    }

    Load load = Load.GENERATED;

    /** The same scenario on a practice loaded through saves, with {@code saves} saves during the fault. */
    void scenarioLoadedBySaves(String name, long seed, int saves, Fault fault) throws Exception {
        load = new Load(true, saves);
        try {
            scenario(name, seed, fault);
        } finally {
            load = Load.GENERATED;
        }
    }

    /**
     * Imports a generated practice, injects the fault once {@code when} holds for the import's status
     * and checks the fault landed: the import was still running then, with clients still to process, and
     * the moment still held. When it missed (the import outran the fault), the scenario runs again with a
     * practice twice as large; a fault that misses both times fails the scenario.
     */
    void scenario(String name, long seed, Fault setup, String moment, java.util.function.Predicate<JsonNode> when,
            Fault fault) throws Exception {
        for (int clients : List.of(CLIENTS, 2 * CLIENTS)) {
            if (attempt(name, seed, clients, setup, moment, when, fault)) {
                return;
            }
            System.out.printf("%s: the fault missed the import of %,d clients; again with %,d%n", name, clients,
                    2 * clients);
        }
        org.junit.jupiter.api.Assertions.fail(name + ": the fault never landed while the import ran (" + moment + ")");
    }

    /** One run of a scenario; false when the fault missed the import, which then still has to end right. */
    boolean attempt(String name, long seed, int clients, Fault setup, String moment,
            java.util.function.Predicate<JsonNode> when, Fault fault) throws Exception {
        Practice practice = new Practice(stack).withBrightClient(!load.bySaves());
        JsonNode expected;
        if (load.bySaves()) {
            // the change-listener is down while the practice saves its files, so they wait as a backlog
            // that it reads only once BrightClient is enabled: none of them may sync
            stack.stopService("import-api");
            expected = practice.generateSaved(clients, seed);
            practice.withBrightClient(true);
            stack.restartService("import-api", Map.of());
        } else {
            expected = practice.generate(clients, seed);
        }
        setup.inject(practice);
        Instant start = Instant.now();
        String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
        await(name + ": " + moment).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> when.test(practice.status(importId)) || !"RUNNING".equals(practice.status(importId)
                        .path("status").asText()));

        JsonNode atInjection = practice.status(importId);
        fault.inject(practice);
        // saves while the fault is on: valid clients the import may not have reached, renamed
        List<String> valid = List.copyOf(practice.validIds());
        List<String> resaved = valid.subList(Math.max(0, valid.size() - load.savesDuringFault()), valid.size());
        for (String clientId : resaved) {
            practice.rename(clientId, "Renamed during the fault " + clientId);
        }
        boolean landed = "RUNNING".equals(atInjection.path("status").asText())
                && atInjection.path("processed").asLong() < clients && when.test(atInjection);

        practice.awaitCompleted(importId);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        if (load.bySaves()) {
            // every save – the backlog and those during the fault – went through every stage
            stack.awaitPipelineDrained();
        }
        JsonNode report = practice.report(importId);
        JsonNode held = practice.brightClientStats();
        long accounted = report.path("alreadyLinked").asLong() + report.path("excluded").asLong()
                + report.path("imported").asLong() + report.path("failed").asLong();
        TABLE.add(String.format("%-44s | %,6d/%,5d/%,5d     | %,6d/%,5d/%,5d     | %10d | %4d | %7.1f",
                landed ? name : name + " (missed)", expected.path("validClients").asLong(),
                expected.path("failedClients").asLong(), expected.path("excluded").asLong(),
                report.path("imported").asLong(), report.path("failed").asLong(), report.path("excluded").asLong(),
                held.path("duplicates").asLong(), clients - accounted, seconds));

        assertThat(report.path("total").asLong()).as(name).isEqualTo(clients);
        assertThat(accounted).as(name + ": every client accounted for").isEqualTo(clients);
        // a client a save synced first is one the import found linked
        assertThat(report.path("imported").asLong() + report.path("alreadyLinked").asLong()).as(name)
                .isEqualTo(expected.path("validClients").asLong());
        assertThat(report.path("alreadyLinked").asLong()).as(name + ": linked by a save during the fault")
                .isLessThanOrEqualTo(resaved.size());
        assertThat(report.path("failed").asLong()).as(name).isEqualTo(expected.path("failedClients").asLong());
        assertThat(report.path("excluded").asLong()).as(name).isEqualTo(expected.path("excluded").asLong());
        assertThat(report.path("failuresByReason")).as(name).isEqualTo(expected.path("rowsByReason"));
        assertThat(held.path("records").asLong()).as(name + ": BrightClient holds the imported clients")
                .isEqualTo(expected.path("validClients").asLong());
        assertThat(held.path("duplicates").asLong()).as(name).isZero();
        // the generator's valid clients as they were before the renames (a changed file leaves its record)
        practice.assertBrightClientHoldsExactly(name, valid);
        for (String clientId : resaved) {
            assertThat(practice.brightClientRecord(clientId).path("name").asText()).as(name + ": the save of " + clientId)
                    .isEqualTo("Renamed during the fault " + clientId);
        }
        return landed;
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
        // BrightManager a little slow, so import-api is killed while it is still enumerating (a third read)
        try {
            scenario("1. SIGKILL import-api while enumerating", 101,
                    practice -> faults(practice, "{\"brightManagerLatencyMs\": 150}"), "a third enumerated",
                    status -> status.path("total").asLong() >= CLIENTS / 3
                            && !status.path("enumerationComplete").asBoolean(),
                    practice -> {
                        stack.killService("import-api");
                        faults(practice, "{}");
                        stack.restartService("import-api", Map.of());
                    });
        } finally {
            faults(new Practice(stack), "{}");
        }
    }

    @Test
    void s02SigkillRecordValidator() throws Exception {
        scenario("2. SIGKILL record-validator, restart", 102, killAndRestart("record-validator"));
    }

    @Test
    void s03SigkillSyncWorker() throws Exception {
        scenarioLoadedBySaves("3. SIGKILL sync-worker; loaded by saves, 25 more", 103, 25,
                killAndRestart("sync-worker"));
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
        scenario("6. restart PostgreSQL", 106, practice -> stack.restartPostgres());
    }

    @Test
    void s07FlakyBrightClient() throws Exception {
        Practice setup = new Practice(stack);
        faults(setup, "{\"latencyMs\": 5, \"errorRate\": 0.3, \"status\": 503, \"throttleRate\": 0.1}");
        try {
            scenarioLoadedBySaves("7. BrightClient 30% 503 + 10% 429; by saves", 107, 25, practice -> { });
        } finally {
            faults(setup, "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        }
    }

    @Test
    void s08BrightClientDownForAMinute() throws Exception {
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
                back.get();
            });
        } finally {
            timer.shutdownNow();
            faults(new Practice(stack), "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        }
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

    @Test
    void s18CreatedButTheAnswerLost() throws Exception {
        scenarioWithSandboxFaults("18. 30% of creates made, answer lost (503)", 118, "{\"lostAnswerRate\": 0.3}");
    }

    @Test
    void s19CreatedButTheAnswerStalledPastTheTimeout() throws Exception {
        scenarioWithSandboxFaults("19. 3% of creates made, answer after 11 s", 119,
                "{\"lostAnswerRate\": 0.03, \"lostAnswerStallMs\": 11000}");
    }

    /** A scenario whose fault is a setting of the sandbox's switches, switched off again afterwards. */
    void scenarioWithSandboxFaults(String name, long seed, String switches) throws Exception {
        try {
            scenario(name, seed, practice -> faults(practice, switches));
        } finally {
            faults(new Practice(stack), "{}");
        }
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

    /**
     * Every import ends, with every client accounted for: a BrightManager that refuses, a BrightManager
     * slower than the enumeration lease, one record BrightClient keeps failing, cancels (while running
     * and during a BrightClient outage), client files too large or malformed, and a record a consumer
     * dead-letters. After each the account imports again. Smaller practices than the crash scenarios:
     * what is asserted is each ending and its exact buckets.
     */
    @Nested
    class EveryImportEnds {

        static final String NO_FAULTS = "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503}";

        @AfterEach
        void noFaults() {
            new Practice(stack).faults(NO_FAULTS);
        }

        /** The report's buckets of an ended import add up to its total, and BrightClient holds each import once. */
        static JsonNode assertAccountedFor(Practice practice, String importId) {
            JsonNode report = practice.report(importId);
            assertThat(report.path("alreadyLinked").asLong() + report.path("excluded").asLong()
                    + report.path("imported").asLong() + report.path("failed").asLong()
                    + report.path("notProcessed").asLong()).as("every client in a bucket: %s", report)
                    .isEqualTo(report.path("total").asLong());
            assertThat(practice.brightClientStats().path("duplicates").asLong()).isZero();
            return report;
        }

        /** The scenario's line in the fault suite's table. */
        void row(String name, String expected, Practice practice, JsonNode report, Instant start) {
            long accounted = report.path("alreadyLinked").asLong() + report.path("excluded").asLong()
                    + report.path("imported").asLong() + report.path("failed").asLong()
                    + report.path("notProcessed").asLong();
            TABLE.add(String.format("%-44s | %-22s | %,6d/%,5d/%,5d     | %10d | %4d | %7.1f", name, expected,
                    report.path("imported").asLong(), report.path("failed").asLong(), report.path("excluded").asLong(),
                    practice.brightClientStats().path("duplicates").asLong(), report.path("total").asLong() - accounted,
                    Duration.between(start, Instant.now()).toMillis() / 1000.0));
        }

        static String figures(JsonNode expected, long importedLess, long failedMore) {
            return String.format("%,6d/%,5d/%,5d", expected.path("validClients").asLong() - importedLess,
                    expected.path("failedClients").asLong() + failedMore, expected.path("excluded").asLong());
        }

        /** A practice of 3,000 clients whose import is under way, slowed by BrightClient's latency. */
        record UnderWay(Practice practice, JsonNode expected, String importId) {
        }

        UnderWay underWay(long seed) {
            Practice practice = new Practice(stack).withBrightClient(true);
            JsonNode expected = practice.generate(3_000, seed);
            practice.faults("{\"latencyMs\": 200, \"errorRate\": 0.0, \"status\": 503}");
            String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
            await("the import is under way").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> practice.brightClientStats().path("records").asLong() >= 100);
            return new UnderWay(practice, expected, importId);
        }

        /** A new import of the account starts at once and completes; returns its report. */
        static JsonNode importsAgain(Practice practice) {
            String next = practice.importToCompletion();
            return assertAccountedFor(practice, next);
        }

        @Test
        void s11BrightManagerRefusesMidImport() {
            Instant start = Instant.now();
            Practice practice = new Practice(stack).withBrightClient(true);
            JsonNode expected = practice.generate(2_000, 31);
            practice.faults("{\"brightManagerLatencyMs\": 300}");
            String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
            await("enumeration under way").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> practice.status(importId).path("total").asLong() >= 300);

            practice.faults("{\"brightManagerStatus\": 403}");
            assertThat(practice.status(importId).path("enumerationComplete").asBoolean())
                    .as("the refusal landed while the import was still enumerating").isFalse();

            practice.awaitEnded(importId, "FAILED");
            JsonNode status = practice.status(importId);
            assertThat(status.path("failureReason").asText()).contains("BrightManager refused").contains("403");
            await("the clients sent on before the refusal are accounted for").atMost(Duration.ofMinutes(1))
                    .until(() -> practice.report(importId).path("outstanding").asLong() == 0);
            JsonNode report = assertAccountedFor(practice, importId);
            row("11. BrightManager refuses (403) mid-import",
                    "FAILED, " + report.path("notProcessed").asLong() + " left", practice, report, start);
            assertThat(report.path("failureReason").asText()).isEqualTo(status.path("failureReason").asText());
            assertThat(report.path("total").asLong()).as("BrightManager's count of the account's clients").isEqualTo(2_000);
            assertThat(report.path("notProcessed").asLong()).isPositive();
            assertThat(practice.brightClientStats().path("records").asLong()).isEqualTo(report.path("imported").asLong());

            practice.faults(NO_FAULTS);
            JsonNode again = importsAgain(practice);
            assertThat(again.path("imported").asLong() + report.path("imported").asLong())
                    .isEqualTo(expected.path("validClients").asLong());
        }

        @Test
        void s12BrightManagerSlowerThanTheLease() {
            Instant start = Instant.now();
            // a short lease, so a BrightManager call can outlast it
            stack.stopService("import-api");
            stack.restartService("import-api", Map.of("IMPORT_LEASE", "PT3S"));
            try {
                Practice practice = new Practice(stack).withBrightClient(true);
                JsonNode expected = practice.generate(1_500, 32);
                String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
                await("enumeration under way").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                        .until(() -> practice.status(importId).path("total").asLong() >= 200);

                practice.faults("{\"brightManagerLatencyMs\": 7000}");
                await("a second worker took the import over while the first waited on BrightManager")
                        .atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> brightManagerStats(practice).path("maxInFlight").asInt() >= 2);
                assertThat(practice.status(importId).path("enumerationComplete").asBoolean()).isFalse();
                practice.faults(NO_FAULTS);

                practice.awaitCompleted(importId);
                JsonNode status = practice.status(importId);
                assertThat(status.path("total").asLong()).as("each page counted once").isEqualTo(1_500);
                JsonNode report = assertAccountedFor(practice, importId);
                row("12. BrightManager slower than the lease", figures(expected, 0, 0), practice, report, start);
                assertThat(report.path("total").asLong()).isEqualTo(1_500);
                assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
                assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong());
                assertThat(practice.brightClientStats().path("records").asLong())
                        .isEqualTo(expected.path("validClients").asLong());
            } finally {
                stack.stopService("import-api");
                stack.restartService("import-api", Map.of());
            }
        }

        @Test
        void s13OneRecordFailingForever() {
            Instant start = Instant.now();
            Practice practice = new Practice(stack).withBrightClient(true);
            JsonNode expected = practice.generate(1_000, 33);
            String victim = aClientBrightClientWouldTake(practice);
            // a breaker that its failures alone open (12 calls: its second attempt) long before its 8 attempts:
            // the record is still given up, by its time bound and a last attempt around the breaker
            stack.stopService("sync-worker");
            stack.restartService("sync-worker", Map.of("BRIGHT_CALLS_BRIGHTCLIENT_BREAKER_WINDOW", "12",
                    "SYNC_UNAVAILABLE_RECORD_ATTEMPTS", "8"));
            practice.faults("{\"status\": 500, \"failClientIds\": [\"" + victim + "\"]}");

            String importId;
            try {
                importId = practice.importToCompletion();
            } finally {
                stack.stopService("sync-worker");
                stack.restartService("sync-worker", Map.of());
            }

            JsonNode report = assertAccountedFor(practice, importId);
            row("13. one record failing forever (500)", figures(expected, 1, 1), practice, report, start);
            assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong() - 1);
            assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong() + 1);
            assertThat(report.path("failuresByReason").path("BRIGHTCLIENT_UNAVAILABLE").asLong()).isEqualTo(1);
            assertThat(practice.failuresCsv(importId)).containsPattern(victim + ",.*BRIGHTCLIENT_UNAVAILABLE");

            // BrightClient takes it again: saving the client (unchanged) in BrightManager syncs it by itself
            practice.faults(NO_FAULTS);
            JsonNode client = Practice.expect(practice.api.get(practice.api.sandbox() + "/brightmanager/accounts/"
                    + practice.account + "/clients/" + victim, null), 200).body();
            Practice.expect(practice.api.put(practice.api.sandbox() + "/brightmanager/accounts/" + practice.account
                    + "/clients/" + victim, null, Json.write(client)), 200);
            await("the save syncs the client").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> practice.report(importId).path("resolvedSinceImport").asLong() == 1);
            assertThat(practice.brightClientStats().path("records").asLong())
                    .isEqualTo(expected.path("validClients").asLong());
        }

        @Test
        void s14CancelMidImport() {
            Instant start = Instant.now();
            UnderWay u = underWay(34);
            Practice practice = u.practice();
            JsonNode expected = u.expected();
            String importId = u.importId();

            JsonNode cancelled = Practice.expect(practice.cancel(importId), 202).body();
            long held = practice.brightClientStats().path("records").asLong();

            assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(held).as("the cancel landed before the import finished").isLessThan(expected.path("validClients").asLong());
            nothingMoreReachesBrightClient(practice, held);
            Practice.expect(practice.cancel(importId), 409);
            practice.awaitEnded(importId, "CANCELLED");
            await("the clients synced before the cancel are reported").atMost(Duration.ofMinutes(1))
                    .until(() -> practice.report(importId).path("imported").asLong() == held);
            JsonNode report = assertAccountedFor(practice, importId);
            row("14. cancel mid-import",
                    "CANCELLED, " + report.path("notProcessed").asLong() + " left", practice, report, start);
            assertThat(report.path("notProcessed").asLong()).isPositive();

            practice.faults(NO_FAULTS);
            JsonNode again = importsAgain(practice);
            assertThat(again.path("alreadyLinked").asLong()).as("what the cancelled import synced stays linked")
                    .isEqualTo(held);
            assertThat(practice.brightClientStats().path("records").asLong()).isEqualTo(expected.path("validClients").asLong());
        }

        @Test
        void s15CancelDuringAnOutage() {
            Instant start = Instant.now();
            UnderWay u = underWay(35);
            Practice practice = u.practice();
            JsonNode expected = u.expected();
            String importId = u.importId();
            practice.faults("{\"latencyMs\": 0, \"errorRate\": 1.0, \"status\": 503}");

            Practice.expect(practice.cancel(importId), 202);
            long held = practice.brightClientStats().path("records").asLong();
            assertThat(held).isLessThan(expected.path("validClients").asLong());
            practice.awaitEnded(importId, "CANCELLED");
            nothingMoreReachesBrightClient(practice, held);

            practice.faults(NO_FAULTS);
            nothingMoreReachesBrightClient(practice, held);
            await("the clients synced before the cancel are reported").atMost(Duration.ofMinutes(1))
                    .until(() -> practice.report(importId).path("imported").asLong() == held);
            JsonNode report = assertAccountedFor(practice, importId);
            row("15. cancel during a BrightClient outage",
                    "CANCELLED, " + report.path("notProcessed").asLong() + " left", practice, report, start);
            importsAgain(practice);
            assertThat(practice.brightClientStats().path("records").asLong()).isEqualTo(expected.path("validClients").asLong());
        }

        @Test
        void s16LargeAndUnreadableClientFiles() {
            Instant start = Instant.now();
            Practice practice = new Practice(stack).withBrightClient(true);
            practice.generate(300, 36);
            JsonNode expected = Practice.expect(practice.api.post(practice.api.sandbox() + "/brightmanager/accounts/"
                    + practice.account + "/generate/unusual?large=1&huge=1&malformed=1", null, null), 200).body();

            String importId = practice.importToCompletion();

            JsonNode report = assertAccountedFor(practice, importId);
            row("16. 330 KiB, 1.3 MiB and malformed files", figures(expected, 0, 0), practice, report, start);
            assertThat(report.path("total").asLong()).isEqualTo(303);
            assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
            assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong());
            assertThat(report.path("failuresByReason")).isEqualTo(expected.path("rowsByReason"));
            assertThat(report.path("failuresByReason").path("RECORD_UNREADABLE").asLong()).isEqualTo(2);
            assertThat(practice.brightClientStats().path("records").asLong()).isEqualTo(expected.path("validClients").asLong());
            String csv = practice.failuresCsv(importId);
            assertThat(csv).containsPattern("RECORD_UNREADABLE,[^\n]*too large for the import: 1\\.\\d MiB");
            assertThat(csv).containsPattern("RECORD_UNREADABLE,[^\n]*could not be read: field 'addresses'");
        }

        @Test
        void s17DeadLetteredRecordAndItsReplay() throws Exception {
            Instant start = Instant.now();
            Practice practice = new Practice(stack).withBrightClient(true);
            JsonNode expected = practice.generate(500, 37);
            practice.faults("{\"brightManagerLatencyMs\": 3000}");
            String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
            String key = practice.account + ":BM-0000001";
            // ahead of the import's own record of its first client, a broken one reaches the pipeline
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> broken = new ProducerRecord<>(Topics.CLIENT_RECORDS, key, "{broken");
                broken.headers().add(ClientRecordEvent.IMPORT_HEADER, importId.getBytes(StandardCharsets.UTF_8));
                producer.send(broken).get(30, TimeUnit.SECONDS);
            }
            assertThat(practice.status(importId).path("total").asLong()).as("sent before the import's first page").isZero();
            practice.faults(NO_FAULTS);

            practice.awaitCompleted(importId);
            JsonNode report = assertAccountedFor(practice, importId);
            row("17. dead-lettered record, then replayed", "COMPLETED, sum = total", practice, report, start);
            assertThat(report.path("total").asLong()).isEqualTo(500);
            // the client counts once: as unreadable, or by its own record's outcome when report-service read that
            // first – which may be any of the three (the dead letter and the verdict race on two topics)
            long unreadable = report.path("failuresByReason").path("RECORD_UNREADABLE").asLong();
            assertThat(unreadable).isBetween(0L, 1L);
            assertThat(report.path("imported").asLong() + report.path("failed").asLong() + report.path("excluded").asLong())
                    .isEqualTo(500);
            assertThat(report.path("imported").asLong())
                    .isBetween(expected.path("validClients").asLong() - unreadable, expected.path("validClients").asLong());
            assertThat(report.path("excluded").asLong())
                    .isBetween(expected.path("excluded").asLong() - unreadable, expected.path("excluded").asLong());
            assertThat(report.path("failed").asLong()).isBetween(expected.path("failedClients").asLong(),
                    expected.path("failedClients").asLong() + unreadable);
            assertThat(deadLetters(Topics.DLQ_RECORD_VALIDATOR, key)).isEqualTo(1);

            // ./bright dlq replay after the import finished: the record is dead-lettered again, and counted once
            assertThat(DlqCli.replay(List.of(Topics.DLQ_RECORD_VALIDATOR), stack.kafkaBootstrap())).isPositive();
            await("the replayed record was processed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> deadLetters(Topics.DLQ_RECORD_VALIDATOR, key) == 2);
            await("report-service read the second dead letter").atMost(Duration.ofMinutes(1))
                    .until(() -> stack.consumerLag("report-service", Topics.DLQ_RECORD_VALIDATOR) == 0);
            JsonNode after = practice.report(importId);
            for (String bucket : List.of("imported", "failed", "excluded", "alreadyLinked", "notProcessed")) {
                assertThat(after.path(bucket).asLong()).as(bucket).isEqualTo(report.path(bucket).asLong());
            }
            assertThat(after.path("failuresByReason")).isEqualTo(report.path("failuresByReason"));
        }

        /** How many records with {@code key} the topic holds. */
        static long deadLetters(String topic, String key) {
            java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
            stack.readTopic(topic, r -> n.addAndGet(key.equals(r.key()) ? 1 : 0));
            return n.get();
        }

        /** BrightClient's records of the practice stay at {@code held} for a while (the pipeline had time to send more). */
        static void nothingMoreReachesBrightClient(Practice practice, long held) {
            await("nothing more reaches BrightClient").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> practice.brightClientStats().path("records").asLong() == held);
        }

        static JsonNode brightManagerStats(Practice practice) {
            return Practice.expect(practice.api.get(practice.api.sandbox() + "/sandbox/accounts/" + practice.account
                    + "/brightmanager-stats", null), 200).body();
        }

        /** A client the rules pass and BrightClient would take (no VAT number for it to reject). */
        static String aClientBrightClientWouldTake(Practice practice) {
            JsonNode page = Practice.expect(practice.api.get(practice.api.sandbox() + "/brightmanager/accounts/"
                    + practice.account + "/clients?limit=200", null), 200).body();
            for (JsonNode c : page.path("clients")) {
                Client client = Json.read(Json.write(c), Client.class);
                if (client.vatNumber() == null && ClientRules.evaluate(client).reasons().isEmpty()) {
                    return client.id();
                }
            }
            throw new IllegalStateException("no valid client in the first page");
        }
    }
}
