package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.devtools.ClientFixer;
import com.brighthub.bulkimport.devtools.StackClient;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The article's second half on the real system: linked clients are never imported twice, one import
 * per account at a time, and a record fixed and saved in BrightManager syncs by itself, resolving its
 * failure in the report.
 */
class ResyncSystemTest {

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    /** The failure reasons of each failed client of an import. */
    static Map<String, Set<ReasonCode>> failures(Practice p, String importId, String status) {
        Map<String, Set<ReasonCode>> out = new HashMap<>();
        JsonNode page = Practice.expect(p.api.get(p.api.reportService() + "/api/v1/accounts/" + p.account + "/imports/"
                + importId + "/failures?size=500&status=" + status, p.admin), 200).body();
        for (JsonNode item : page.path("items")) {
            out.computeIfAbsent(item.path("clientId").asText(), k -> EnumSet.noneOf(ReasonCode.class))
                    .add(ReasonCode.valueOf(item.path("reasonCode").asText()));
        }
        return out;
    }

    static JsonNode client(Practice p, String clientId) {
        return Practice.expect(p.api.get(p.api.sandbox() + "/brightmanager/accounts/" + p.account + "/clients/"
                + clientId, null), 200).body();
    }

    static void save(Practice p, String clientId, ObjectNode client) {
        Practice.expect(p.api.put(p.api.sandbox() + "/brightmanager/accounts/" + p.account + "/clients/" + clientId,
                null, Json.write(client)), 200);
    }

    static int recordsFor(Practice p, String clientId) {
        return Practice.expect(p.api.get(p.api.sandbox() + "/sandbox/accounts/" + p.account + "/brightclient-records/"
                + clientId, null), 200).body().size();
    }

    @Test
    void savesFromBeforeBrightClientWasEnabledNeverSyncEvenWhenTheListenerReadsThemAfterwards() {
        Practice practice = new Practice(stack).withBrightClient(false);
        JsonNode expected = practice.generate(400, 38);
        // the change-listener is away while the practice saves half its clients (unchanged), so the saves
        // wait on the topic until after BrightClient is enabled
        stack.stopService("import-api");
        try {
            for (int n = 1; n <= 200; n++) {
                String id = String.format("BM-%07d", n);
                save(practice, id, (ObjectNode) client(practice, id));
            }
            practice.withBrightClient(true);
        } finally {
            stack.restartService("import-api", Map.of());
        }

        String importId = practice.importToCompletion();

        JsonNode report = practice.report(importId);
        assertThat(report.path("alreadyLinked").asLong()).as("no save from before enabling synced by itself").isZero();
        assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
        assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong());
        assertThat(report.path("excluded").asLong()).isEqualTo(expected.path("excluded").asLong());
        assertThat(practice.status(importId).path("alreadyLinked").asLong()).isZero();
        assertThat(practice.brightClientStats().path("records").asLong()).isEqualTo(expected.path("validClients").asLong());
        assertThat(practice.brightClientStats().path("duplicates").asLong()).isZero();
    }

    @Test
    void aFixSavedInBrightManagerSyncsByItselfAndResolvesItsFailure() {
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(200, 31);
        String importId = practice.importToCompletion();
        Map.Entry<String, Set<ReasonCode>> failed = failures(practice, importId, "OPEN").entrySet().iterator().next();
        String clientId = failed.getKey();

        // fixed for good: the reasons it failed for, and whatever else BrightClient would reject it for (a client
        // may fail a rule and also carry something BrightClient refuses, found only once the rule is fixed)
        save(practice, clientId, ClientFixer.fix(client(practice, clientId), EnumSet.allOf(ReasonCode.class)));

        await("fix synced").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> recordsFor(practice, clientId) == 1);
        await("failure resolved").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> practice.report(importId).path("resolvedSinceImport").asLong() == 1);
        assertThat(failures(practice, importId, "RESOLVED")).containsOnlyKeys(clientId);
        assertThat(failures(practice, importId, "OPEN")).doesNotContainKey(clientId);
    }

    @Test
    void aSaveSyncsWhileALargeImportsBacklogWaits() {
        Practice fixing = new Practice(stack).withBrightClient(true);
        fixing.generate(50, 43);
        fixing.importToCompletion();
        String clientId = fixing.validIds().get(0);
        Practice large = new Practice(stack).withBrightClient(true);
        JsonNode expected = large.generate(20_000, 44);
        // BrightClient answering in 200 ms: the large import's records, enumerated in seconds, wait for sync-worker
        // (its 15,000 valid clients take about 25 s); on one lane with them, the save would wait behind them all
        fixing.faults("{\"latencyMs\": 200}");
        try {
            String importId = Practice.expect(large.startImport(), 202).body().path("importId").asText();
            await("the large import enumerated and syncing").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        JsonNode status = large.status(importId);
                        return status.path("processed").asLong() > 0 && status.path("total").asLong() == 20_000;
                    });

            long before = large.status(importId).path("processed").asLong();
            fixing.rename(clientId, "Saved during a large import");
            await("the save reached BrightClient").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> fixing.brightClientRecord(clientId).path("name").asText()
                            .equals("Saved during a large import"));
            JsonNode status = large.status(importId);
            long meanwhile = status.path("processed").asLong() - before;
            System.out.printf("a save synced while the large import processed %,d of the %,d clients it had left%n",
                    meanwhile, 20_000 - before);

            assertThat(status.path("status").asText()).as("the save went ahead of the import's backlog")
                    .isEqualTo("RUNNING");
            // on one lane with the import, the save waits for its partition's share of the backlog: about all of it
            assertThat(meanwhile).as("clients of the large import processed between the save and its sync")
                    .isLessThan((20_000 - before) / 2);
            large.awaitCompleted(importId);
            assertThat(large.report(importId).path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
        } finally {
            fixing.faults("{\"latencyMs\": 0}");
        }
    }

    @Test
    void aPartialFixLeavesTheRemainingReasonOpen() {
        Practice practice = new Practice(stack).withBrightClient(true);
        Practice.expect(practice.api.post(practice.api.sandbox() + "/brightmanager/accounts/" + practice.account
                + "/generate?count=200&seed=32&defectScale=10", null, null), 200);
        String importId = practice.importToCompletion();
        String clientId = failures(practice, importId, "OPEN").entrySet().stream()
                .filter(e -> e.getValue().containsAll(Set.of(ReasonCode.ADDRESS_LINE_1_MISSING, ReasonCode.CONTACT_ROLE_MISSING)))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Set<ReasonCode> before = failures(practice, importId, "OPEN").get(clientId);

        save(practice, clientId, ClientFixer.fix(client(practice, clientId), Set.of(ReasonCode.ADDRESS_LINE_1_MISSING)));

        await("address rows resolved").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> failures(practice, importId, "RESOLVED").containsKey(clientId));
        Set<ReasonCode> open = failures(practice, importId, "OPEN").get(clientId);
        assertThat(open).contains(ReasonCode.CONTACT_ROLE_MISSING).doesNotContain(ReasonCode.ADDRESS_LINE_1_MISSING);
        assertThat(before).containsAll(open);
        assertThat(recordsFor(practice, clientId)).isZero();
        assertThat(practice.report(importId).path("resolvedSinceImport").asLong()).isZero();
    }

    @Test
    void savesOnAnAccountWithoutBrightClientSyncNothing() {
        Practice practice = new Practice(stack).withBrightClient(false);
        practice.generate(5, 33);
        double ignoredBefore = metric("bulkimport_saves_ignored_total");

        save(practice, "BM-0000001", ClientFixer.fix(client(practice, "BM-0000001"), EnumSet.allOf(ReasonCode.class)));

        await("save seen and ignored").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> metric("bulkimport_saves_ignored_total") > ignoredBefore);
        assertThat(practice.brightClientStats().path("records").asLong()).isZero();
    }

    @Test
    void concurrentStartsLetExactlyOneImportRun() throws Exception {
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(1_500, 34);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<StackClient.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return practice.startImport();
            }));
        }
        go.countDown();
        List<StackClient.Answer> results = new ArrayList<>();
        for (Future<StackClient.Answer> f : answers) {
            results.add(f.get());
        }
        pool.shutdown();

        List<StackClient.Answer> won = results.stream().filter(a -> a.status() == 202).toList();
        assertThat(won).hasSize(1);
        String winner = won.get(0).body().path("importId").asText();
        assertThat(results.stream().filter(a -> a.status() != 202)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(409);
            assertThat(a.body().path("code").asText()).isEqualTo("IMPORT_ALREADY_RUNNING");
            assertThat(a.body().path("importId").asText()).isEqualTo(winner);
        });
        // the one that won runs to the end, and does not leave 1,500 clients queued before the next test's
        practice.awaitCompleted(winner);
    }

    @Test
    void aSaveRacingAnImportOfTheSameClientsCreatesNoDuplicate() {
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(300, 35);
        List<String> raced = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            raced.add(String.format("BM-%07d", i));
        }
        // a slow BrightManager listing (3 pages of 100, a second each) keeps the import running while the saves land
        practice.faults("{\"brightManagerLatencyMs\": 1000}");
        String importId;
        JsonNode afterSaves;
        try {
            importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
            for (String clientId : raced) {
                save(practice, clientId, ClientFixer.fix(client(practice, clientId), EnumSet.allOf(ReasonCode.class)));
            }
            afterSaves = practice.status(importId);
        } finally {
            practice.faults("{}");
        }
        assertThat(afterSaves.path("status").asText()).as("the saves overlapped the import").isEqualTo("RUNNING");
        assertThat(afterSaves.path("processed").asLong()).as("the saves overlapped the import").isLessThan(300);

        practice.awaitEnded(importId, "COMPLETED");
        // the fixed clients are in BrightClient once each, with every valid one of the generator's
        Set<String> expected = new HashSet<>(practice.validIds());
        for (String clientId : raced) {
            if (!"SELF_ASSESSMENT".equals(client(practice, clientId).path("type").asText())) {
                expected.add(clientId);
            }
        }
        stack.awaitPipelineDrained();
        assertThat(practice.brightClientIds()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(practice.brightClientStats().path("duplicates").asLong()).isZero();
        // and the import's figures account for every client once, whichever got there first
        JsonNode report = practice.report(importId);
        assertThat(report.path("total").asLong()).isEqualTo(300);
        assertThat(report.path("imported").asLong() + report.path("alreadyLinked").asLong() + report.path("excluded").asLong()
                + report.path("failed").asLong()).isEqualTo(300);
        assertThat(report.path("imported").asLong() + report.path("alreadyLinked").asLong())
                .as("the import counts no more clients in BrightClient than there are").isLessThanOrEqualTo(expected.size());
    }

    @Test
    void aRedeliveredSaveEventCreatesNoDuplicate() {
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(3, 36);
        ObjectNode fixed = ClientFixer.fix(client(practice, "BM-0000002"), EnumSet.allOf(ReasonCode.class));
        fixed.put("type", "PARTNERSHIP");
        String event = Json.write(Map.of("eventId", UUID.randomUUID().toString(), "accountId", practice.account,
                "savedAt", Instant.now().toString(), "client", fixed));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(Topics.CLIENT_SAVED, Topics.clientKey(practice.account, "BM-0000002"),
                        event));
            }
            producer.flush();
        }

        await("synced").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> recordsFor(practice, "BM-0000002") >= 1);
        // every copy went through every stage before "exactly one" is asserted
        stack.awaitPipelineDrained();
        assertThat(practice.brightClientStats().path("records").asLong()).isEqualTo(1);
        assertThat(recordsFor(practice, "BM-0000002")).isEqualTo(1);
    }

    static double metric(String name) {
        String body = new StackClient(stack.url("import-api"), null, null).get(stack.managementUrl("import-api") + "/q/metrics", null)
                .raw();
        return body.lines().filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
