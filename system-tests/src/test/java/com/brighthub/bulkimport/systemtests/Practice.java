package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.devtools.DevTokens;
import com.brighthub.bulkimport.devtools.StackClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A practice in the system under test, driven only through the public APIs: the sandbox's BrightManager
 * and BrightClient, import-api and report-service.
 */
final class Practice {

    final String account = "ACC-" + UUID.randomUUID();
    final StackClient api;
    final String admin = DevTokens.token(account, "Admin", "admin-" + account);

    Practice(LocalStack stack) {
        this(stack::url);
    }

    /** A practice on any running system: {@code url} gives a service's base URL by its name. */
    Practice(java.util.function.UnaryOperator<String> url) {
        api = new StackClient(url.apply("import-api"), url.apply("report-service"), url.apply("sandbox"));
    }

    Practice withBrightClient(boolean enabled) {
        expect(api.put(api.sandbox() + "/brightmanager/accounts/" + account, null,
                "{\"name\": \"Practice " + account + "\", \"brightClientEnabled\": " + enabled + "}"), 200);
        return this;
    }

    /** Generates clients; returns what the generator says an import must report. */
    JsonNode generate(int count, long seed) {
        return expect(api.post(api.sandbox() + "/brightmanager/accounts/" + account + "/generate?count=" + count
                + "&seed=" + seed, null, null), 200).body().path("expected");
    }

    /**
     * Generates clients as a practice loads them: each one saved in BrightManager, publishing its
     * client-saved event; returns what the generator says an import must report.
     */
    JsonNode generateSaved(int count, long seed) {
        return expect(api.post(api.sandbox() + "/brightmanager/accounts/" + account + "/generate?count=" + count
                + "&seed=" + seed + "&saved=true", null, null), 200).body().path("expected");
    }

    /** Saves a client in BrightManager under a new name, as its admin would. */
    void rename(String clientId, String name) {
        String url = api.sandbox() + "/brightmanager/accounts/" + account + "/clients/" + clientId;
        com.fasterxml.jackson.databind.node.ObjectNode client = (com.fasterxml.jackson.databind.node.ObjectNode)
                expect(api.get(url, null), 200).body();
        client.put("name", name);
        expect(api.put(url, null, client.toString()), 200);
    }

    /** The practice's record in BrightClient of a BrightManager client (its synced fields). */
    JsonNode brightClientRecord(String clientId) {
        for (JsonNode r : expect(api.get(api.sandbox() + "/brightclient/accounts/" + account + "/clients", null), 200)
                .body()) {
            if (clientId.equals(r.path("brightManagerId").asText())) {
                return r.path("client");
            }
        }
        throw new AssertionError("no record of " + clientId + " in BrightClient");
    }

    JsonNode expected() {
        return expect(api.get(api.sandbox() + "/sandbox/accounts/" + account + "/expected", null), 200).body();
    }

    StackClient.Answer startImport() {
        return api.post(api.importApi() + "/api/v1/accounts/" + account + "/imports", admin,
                "{\"confirmIrreversible\": true}");
    }

    /** Starts an import and waits until it completes; returns its id. */
    String importToCompletion() {
        String importId = expect(startImport(), 202).body().path("importId").asText();
        awaitCompleted(importId);
        return importId;
    }

    /** Waits until an import completes, in import-api and in the report, which follows it. */
    void awaitCompleted(String importId) {
        awaitEnded(importId, "COMPLETED");
    }

    /**
     * Waits until import-api says the import ended with {@code status}, then until the report follows;
     * the report never says it ended before import-api does.
     */
    void awaitEnded(String importId, String status) {
        await("import " + importId + " ends " + status).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    String reported = reportStatus(importId);
                    String owned = status(importId).path("status").asText();
                    assertThat(reported).as("the report follows import-api's status").isIn("RUNNING", owned);
                    return status.equals(owned);
                });
        await("the report of " + importId + " follows").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(report(importId).path("status").asText()));
    }

    /** The report's status, RUNNING while report-service has not heard of the import yet. */
    String reportStatus(String importId) {
        StackClient.Answer a = api.get(api.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId
                + "/report", admin);
        return a.status() == 404 ? "RUNNING" : expect(a, 200).body().path("status").asText();
    }

    /** Cancels an import; returns import-api's answer. */
    StackClient.Answer cancel(String importId) {
        return api.post(api.importApi() + "/api/v1/accounts/" + account + "/imports/" + importId + "/cancel", admin, null);
    }

    /** Sets the sandbox's fault switches. */
    void faults(String json) {
        expect(api.put(api.sandbox() + "/sandbox/faults", null, json), 200);
    }

    JsonNode status(String importId) {
        return expect(api.get(api.importApi() + "/api/v1/accounts/" + account + "/imports/" + importId, admin), 200)
                .body();
    }

    JsonNode report(String importId) {
        return expect(api.get(api.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId
                + "/report", admin), 200).body();
    }

    String failuresCsv(String importId) {
        return expect(api.get(api.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId
                + "/failures.csv", admin), 200).raw();
    }

    JsonNode brightClientStats() {
        return expect(api.get(api.sandbox() + "/sandbox/accounts/" + account + "/brightclient-stats", null), 200).body();
    }

    static StackClient.Answer expect(StackClient.Answer answer, int status) {
        assertThat(answer.status()).as("HTTP status of %s", answer.raw()).isEqualTo(status);
        return answer;
    }

    /** The generator's record of the clients that pass the rules and that BrightClient accepts. */
    List<String> validIds() {
        List<String> ids = new ArrayList<>();
        expect(api.get(api.sandbox() + "/sandbox/accounts/" + account + "/expected/valid-ids", null), 200).body()
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The BrightManager ids of the practice's records in BrightClient. */
    List<String> brightClientIds() {
        List<String> ids = new ArrayList<>();
        expect(api.get(api.sandbox() + "/brightclient/accounts/" + account + "/clients", null), 200).body()
                .forEach(r -> ids.add(r.path("brightManagerId").asText()));
        return ids;
    }

    /**
     * BrightClient holds exactly the generator's valid clients – the same set of BrightManager ids, not
     * just as many – and, for a sample, what BrightManager has for them.
     */
    void assertBrightClientHoldsExactlyTheValidClients(String name) {
        assertBrightClientHoldsExactly(name, validIds());
    }

    /** BrightClient holds exactly these clients of the practice and, for a sample, what BrightManager has for them. */
    void assertBrightClientHoldsExactly(String name, List<String> expectedIds) {
        Map<String, JsonNode> held = new java.util.HashMap<>();
        expect(api.get(api.sandbox() + "/brightclient/accounts/" + account
                + "/clients", null), 200).body().forEach(r -> held.put(r.path("brightManagerId").asText(), r.path("client")));
        assertThat(held.keySet()).as(name + ": exactly the valid clients in BrightClient")
                .containsExactlyInAnyOrderElementsOf(expectedIds);
        for (String id : expectedIds.subList(0, Math.min(20, expectedIds.size()))) {
            JsonNode source = expect(api.get(api.sandbox() + "/brightmanager/accounts/"
                    + account + "/clients/" + id, null), 200).body();
            JsonNode synced = held.get(id);
            // BrightClient's form: primaryEmail is its email, and blank optional values are absent
            Map<String, String> fields = Map.of("reference", "reference", "name", "name", "type", "type",
                    "companyNumber", "companyNumber", "vatNumber", "vatNumber", "email", "primaryEmail");
            fields.forEach((to, from) -> assertThat(text(synced.path(to))).as("%s: %s of %s", name, to, id)
                    .isEqualTo(text(source.path(from))));
            assertThat(synced.path("addresses").size()).as("%s: addresses of %s", name, id)
                    .isEqualTo(source.path("addresses").size());
            assertThat(synced.path("contacts").size()).as("%s: contacts of %s", name, id)
                    .isEqualTo(source.path("contacts").size());
        }
    }

    static String text(JsonNode value) {
        String v = value == null || value.isNull() || value.isMissingNode() ? null : value.asText().strip();
        return v == null || v.isEmpty() ? null : v;
    }
}
