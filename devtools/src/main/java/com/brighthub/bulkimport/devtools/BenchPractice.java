package com.brighthub.bulkimport.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The benchmark's practice, driven through the public APIs. */
final class BenchPractice {
    final StackClient stack;
    final String account;
    final String admin;

    BenchPractice(StackClient stack, String account) {
        this.stack = stack;
        this.account = account;
        this.admin = DevTokens.token(account, "Admin", "bench", Duration.ofHours(8));
    }

    /** Creates the account and its clients; returns one client record's JSON, for the floor's size. */
    String prepare(int n) {
        stack.put(stack.sandbox() + "/brightmanager/accounts/" + account, null,
                "{\"name\": \"Bench\", \"brightClientEnabled\": true}");
        for (int done = 0; done < n; done += 100_000) {
            int count = Math.min(100_000, n - done);
            stack.post(stack.sandbox() + "/brightmanager/accounts/" + account + "/generate?count=" + count
                    + "&seed=" + (7 + done), null, null);
        }
        JsonNode first = stack.get(stack.sandbox() + "/brightmanager/accounts/" + account + "/clients?limit=1", null)
                .body().path("clients").get(0);
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"accountId\":\"" + account + "\",\"importId\":\""
                + UUID.randomUUID() + "\",\"clientId\":\"BM-0000001\",\"origin\":\"IMPORT\",\"occurredAt\":\""
                + Instant.now() + "\",\"client\":" + first + "}";
    }

    String start() {
        return stack.post(stack.importApi() + "/api/v1/accounts/" + account + "/imports", admin,
                "{\"confirmIrreversible\": true}").body().path("importId").asText();
    }

    JsonNode status(String importId) {
        return stack.get(stack.importApi() + "/api/v1/accounts/" + account + "/imports/" + importId, admin).body();
    }

    /** Waits until the import is COMPLETED and returns its status (polling every {@code every}). */
    JsonNode awaitCompleted(String importId, Duration every) throws InterruptedException {
        while (true) {
            JsonNode s = status(importId);
            String status = s.path("status").asText();
            if ("COMPLETED".equals(status)) {
                return s;
            }
            if (!"RUNNING".equals(status)) {
                throw new IllegalStateException("import " + importId + " of " + account + " ended " + status + ": "
                        + s.path("failureReason").asText("(no reason)"));
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** How long a finished import took by the server's clock: from its start (queued time included) to its end. */
    static double seconds(JsonNode status) {
        return Duration.between(Instant.parse(status.path("startedAt").asText()),
                Instant.parse(status.path("finishedAt").asText())).toMillis() / 1000.0;
    }

    JsonNode report(String importId) {
        return stack.get(stack.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId + "/report",
                admin).body();
    }
}
