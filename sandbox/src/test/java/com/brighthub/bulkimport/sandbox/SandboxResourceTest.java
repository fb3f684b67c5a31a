package com.brighthub.bulkimport.sandbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.brighthub.bulkimport.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SandboxResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    String account;

    @BeforeEach
    void newAccount() {
        connector.sink("client-saved").clear();
        account = "ACC-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"name\": \"Test Practice\", \"brightClientEnabled\": true}")
                .put("/brightmanager/accounts/" + account).then().statusCode(200);
    }

    @AfterEach
    void noFaults() {
        given().contentType(ContentType.JSON).body("{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503}")
                .put("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void generatedClientsArePagedOnceEachAndTheExpectationAddsUp() {
        given().post("/brightmanager/accounts/" + account + "/generate?count=1234&seed=5").then().statusCode(200)
                .body("generated", equalTo(1234)).body("firstClientId", equalTo("BM-0000001"));

        Set<String> ids = new HashSet<>();
        java.util.Map<com.brighthub.bulkimport.model.events.Verdict, Long> byVerdict = new java.util.EnumMap<>(
                com.brighthub.bulkimport.model.events.Verdict.class);
        Set<String> passing = new HashSet<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = Json.read(given().get("/brightmanager/accounts/" + account + "/clients?limit=500&cursor=" + cursor)
                    .then().statusCode(200).extract().asString(), JsonNode.class);
            page.get("clients").forEach(c -> {
                assertThat(ids.add(c.get("id").asText())).isTrue();
                // the oracle: the rules themselves, applied here to what BrightManager lists
                var verdict = com.brighthub.bulkimport.model.rules.ClientRules.evaluate(
                        Json.read(c.toString(), com.brighthub.bulkimport.model.client.Client.class)).verdict();
                byVerdict.merge(verdict, 1L, Long::sum);
                if (verdict == com.brighthub.bulkimport.model.events.Verdict.PASS) {
                    passing.add(c.get("id").asText());
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(ids).hasSize(1234);
        assertThat(pages).isEqualTo(3);
        JsonNode expected = Json.read(given().get("/sandbox/accounts/" + account + "/expected").asString(), JsonNode.class);
        assertThat(expected.get("generatedClients").asLong()).isEqualTo(1234);
        assertThat(expected.get("excluded").asLong()).isPositive()
                .isEqualTo(byVerdict.get(com.brighthub.bulkimport.model.events.Verdict.EXCLUDED));
        JsonNode validIds = Json.read(given().get("/sandbox/accounts/" + account + "/expected/valid-ids").asString(),
                JsonNode.class);
        Set<String> expectedValid = new HashSet<>();
        validIds.forEach(id -> expectedValid.add(id.asText()));
        assertThat(passing).as("every valid client passes the rules").containsAll(expectedValid);
        // the rest of those that pass are the ones BrightClient itself will reject
        long rejectedByBrightClient = passing.size() - expectedValid.size();
        assertThat(rejectedByBrightClient).isEqualTo(expected.path("rowsByReason").path("BRIGHTCLIENT_REJECTED").asLong());
        assertThat(expected.get("validClients").asLong()).isEqualTo(expectedValid.size());
        assertThat(expected.get("failedClients").asLong()).isPositive()
                .isEqualTo(byVerdict.get(com.brighthub.bulkimport.model.events.Verdict.FAIL) + rejectedByBrightClient);
    }

    @Test
    void generatingPublishesNoEventsButASavePublishesOneKeyedByClient() {
        given().post("/brightmanager/accounts/" + account + "/generate?count=10").then().statusCode(200);
        InMemorySink<String> sink = connector.sink("client-saved");
        assertThat(sink.received()).isEmpty();
        java.time.Instant before = java.time.Instant.now();

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Acme Ltd\", \"type\": \"LIMITED_COMPANY\", \"companyNumber\": \"01234567\", \"unknown\": 1}")
                .put("/brightmanager/accounts/" + account + "/clients/BM-0000003").then().statusCode(200);

        assertThat(sink.received()).hasSize(1);
        JsonNode event = Json.read(sink.received().get(0).getPayload(), JsonNode.class);
        assertThat(event.get("accountId").asText()).isEqualTo(account);
        assertThat(event.get("client").get("id").asText()).isEqualTo("BM-0000003");
        assertThat(UUID.fromString(event.get("eventId").asText())).isNotNull();
        assertThat(java.time.Instant.parse(event.get("savedAt").asText())).isBetween(before, java.time.Instant.now());
        Object key = sink.received().get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey();
        assertThat(key).isEqualTo(account + ":BM-0000003");
    }

    @Test
    void generatingAsSavedPublishesOneSaveEventPerClientKeyedByClient() {
        InMemorySink<String> sink = connector.sink("client-saved");
        sink.clear();

        given().post("/brightmanager/accounts/" + account + "/generate?count=2500&saved=true").then().statusCode(200)
                .body("generated", equalTo(2500));

        assertThat(sink.received()).hasSize(2500);
        JsonNode last = Json.read(sink.received().get(2499).getPayload(), JsonNode.class);
        assertThat(last.get("client").get("id").asText()).isEqualTo("BM-0002500");
        assertThat(sink.received().get(2499).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .isEqualTo(account + ":BM-0002500");
        JsonNode stored = Json.read(given().get("/brightmanager/accounts/" + account + "/clients/BM-0002500").asString(),
                JsonNode.class);
        assertThat(last.get("client")).isEqualTo(stored);
    }

    @Test
    void brightClientHonoursTheIdempotencyKey() {
        String body = "{\"brightManagerId\": \"BM-1\", \"name\": \"Acme Ltd\"}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", "k-1").body(body)
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(201)
                .body("id", notNullValue()).extract().path("id");
        String again = given().contentType(ContentType.JSON).header("Idempotency-Key", "k-1").body(body)
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(200).extract().path("id");

        assertThat(again).isEqualTo(first);
        List<String> held = given().get("/brightclient/accounts/" + account + "/clients").then().statusCode(200)
                .extract().path("brightManagerId");
        assertThat(held).containsExactly("BM-1");
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneRecordAndManyKeysMakeOneEach() throws Exception {
        // 40 callers at once, two per key: creates are written in batches, so both of a key's calls may
        // land in the same batch or in different ones
        ExecutorService callers = Executors.newFixedThreadPool(40);
        try {
            List<Future<io.restassured.response.Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int client = i / 2;
                calls.add(callers.submit(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", "key-" + client)
                        .body("{\"brightManagerId\": \"BM-" + client + "\", \"name\": \"Client " + client + "\"}")
                        .post("/brightclient/accounts/" + account + "/clients")));
            }
            java.util.Map<String, Set<String>> idsByClient = new java.util.HashMap<>();
            int createdAnswers = 0;
            for (int i = 0; i < calls.size(); i++) {
                io.restassured.response.Response r = calls.get(i).get();
                assertThat(r.statusCode()).isIn(200, 201);
                createdAnswers += r.statusCode() == 201 ? 1 : 0;
                idsByClient.computeIfAbsent("BM-" + i / 2, k -> new HashSet<>()).add(r.path("id"));
            }
            assertThat(createdAnswers).isEqualTo(20);
            assertThat(idsByClient).hasSize(20).allSatisfy((client, ids) -> assertThat(ids).hasSize(1));
        } finally {
            callers.shutdownNow();
        }
        List<String> held = given().get("/brightclient/accounts/" + account + "/clients").then().statusCode(200)
                .extract().path("brightManagerId");
        assertThat(held).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void brightClientRejectsAMalformedVatNumberWithAMessage() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-2")
                .body("{\"brightManagerId\": \"BM-2\", \"name\": \"Acme\", \"vatNumber\": \"GB12\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(422)
                .body("code", equalTo("INVALID_VAT_NUMBER"));
    }

    @Test
    void faultSwitchesMakeBrightClientFail() {
        given().contentType(ContentType.JSON).body("{\"latencyMs\": 0, \"errorRate\": 1.0, \"status\": 429}")
                .put("/sandbox/faults").then().statusCode(200);

        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-3")
                .body("{\"brightManagerId\": \"BM-3\", \"name\": \"Acme\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(429)
                .header("Retry-After", "1");
    }

    @Test
    void aRateLimitThrottlesOneAccountAndNoOther() {
        String other = "ACC-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"rateLimitAccount\": \"" + account + "\", \"rateLimitPerSecond\": 1}")
                .put("/sandbox/faults").then().statusCode(200);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Integer> othersAnswers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<String> retryAfter = new java.util.concurrent.atomic.AtomicReference<>();

        // calls of the limited account, each followed by one of another account, until one is throttled
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            int i = n.incrementAndGet();
            var limited = given().contentType(ContentType.JSON).header("Idempotency-Key", "rl-" + i)
                    .body("{\"brightManagerId\": \"BM-" + i + "\", \"name\": \"Acme\"}")
                    .post("/brightclient/accounts/" + account + "/clients").then().extract();
            retryAfter.set(limited.header("Retry-After"));
            othersAnswers.add(given().contentType(ContentType.JSON).header("Idempotency-Key", "rl-" + i)
                    .body("{\"brightManagerId\": \"BM-" + i + "\", \"name\": \"Acme\"}")
                    .post("/brightclient/accounts/" + other + "/clients").then().extract().statusCode());
            return limited.statusCode() == 429;
        });

        assertThat(othersAnswers).as("another account's calls meanwhile").containsOnly(201);
        assertThat(retryAfter.get()).as("the throttled answer's Retry-After").isEqualTo("1");
        given().contentType(ContentType.JSON).body("{\"rateLimitAccount\": \"" + account + "\"}")
                .put("/sandbox/faults").then().statusCode(400);
    }

    @Test
    void failClientIdsFailOnlyThoseClientsAndUpdatesAnswerWithoutABody() {
        given().contentType(ContentType.JSON).body("{\"status\": 500, \"failClientIds\": [\"BM-8\"]}")
                .put("/sandbox/faults").then().statusCode(200);

        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-8")
                .body("{\"brightManagerId\": \"BM-8\", \"name\": \"Acme\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(500)
                .body("code", equalTo("INJECTED_FAULT"));
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", "k-9")
                .body("{\"brightManagerId\": \"BM-9\", \"name\": \"Acme\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"brightManagerId\": \"BM-9\", \"name\": \"Acme Two\"}")
                .put("/brightclient/accounts/" + account + "/clients/" + id).then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"brightManagerId\": \"BM-8\", \"name\": \"Acme Two\"}")
                .put("/brightclient/accounts/" + account + "/clients/" + id).then().statusCode(500);
    }

    @Test
    void brightManagerSwitchesSlowAndRefuseTheListing() {
        given().post("/brightmanager/accounts/" + account + "/generate?count=3").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"brightManagerStatus\": 403}")
                .put("/sandbox/faults").then().statusCode(200);

        given().get("/brightmanager/accounts/" + account + "/clients").then().statusCode(403);

        // slow: a listing is held (in flight) until the latency has passed, then answered
        given().contentType(ContentType.JSON).body("{\"brightManagerLatencyMs\": 6000}")
                .put("/sandbox/faults").then().statusCode(200);
        java.util.concurrent.CompletableFuture<Integer> listing = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> given().get("/brightmanager/accounts/" + account + "/clients").statusCode());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> given()
                .get("/sandbox/accounts/" + account + "/brightmanager-stats").then().extract().path("inFlight"),
                equalTo(1));
        assertThat(listing).as("held by the latency").isNotDone();
        assertThat(listing.join()).isEqualTo(200);
        given().contentType(ContentType.JSON).body("{\"brightManagerStatus\": 200}")
                .put("/sandbox/faults").then().statusCode(400);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsMadeAndItsRetryFindsIt() {
        given().contentType(ContentType.JSON).body("{\"lostAnswerRate\": 1.0}").put("/sandbox/faults").then().statusCode(200);

        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-lost")
                .body("{\"brightManagerId\": \"BM-40\", \"name\": \"Acme\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(503).header("Retry-After", "1");
        given().contentType(ContentType.JSON).body("{}").put("/sandbox/faults").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-lost")
                .body("{\"brightManagerId\": \"BM-40\", \"name\": \"Acme\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(200);

        given().get("/sandbox/accounts/" + account + "/brightclient-stats").then().statusCode(200)
                .body("records", equalTo(1)).body("duplicates", equalTo(0));
    }

    @Test
    void badInputGetsACode() {
        given().get("/brightmanager/accounts/NOPE-" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().get("/brightmanager/accounts/" + account + "/clients?limit=0").then().statusCode(400)
                .body("code", equalTo("INVALID_LIMIT"));
        given().contentType(ContentType.JSON).body("{not json").put("/sandbox/faults").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("{\"errorRate\": 7}").put("/sandbox/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k-5").body("{not json")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        given().contentType(ContentType.JSON).body("{\"name\": \"No key\"}")
                .post("/brightclient/accounts/" + account + "/clients").then().statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
    }
}
