package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.devtools.DevTokens;
import com.brighthub.bulkimport.devtools.StackClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
        api = new StackClient(stack.url("import-api"), stack.url("report-service"), stack.url("sandbox"));
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

    /** Waits until an import completes. */
    void awaitCompleted(String importId) {
        await("import " + importId + " completes").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> "COMPLETED".equals(status(importId).path("status").asText()));
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
}
