package com.brighthub.bulkimport.devtools;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fixes failed clients as an admin would (from the failures list, in BrightManager, then save) and
 * measures how long each save takes to reach BrightClient by itself.
 */
final class FixRound {

    private final StackClient stack;
    private final String account;
    private final String token;

    FixRound(StackClient stack, String account, String token) {
        this.stack = stack;
        this.account = account;
        this.token = token;
    }

    /** Fixes up to {@code count} failed clients; returns how many reached BrightClient. */
    int run(String importId, int count) throws InterruptedException {
        Map<String, Set<ReasonCode>> failed = openFailures(importId, count);
        Map<String, Instant> savedAt = new LinkedHashMap<>();
        for (Map.Entry<String, Set<ReasonCode>> e : failed.entrySet()) {
            String url = stack.sandbox() + "/brightmanager/accounts/" + account + "/clients/" + e.getKey();
            JsonNode client = stack.get(url, null).body();
            savedAt.put(e.getKey(), Instant.now());
            stack.put(url, null, Json.write(ClientFixer.fix(client, e.getValue())));
        }
        System.out.printf("   %d clients saved in BrightManager; waiting for them to reach BrightClient by themselves%n",
                savedAt.size());
        List<Long> latencies = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        Map<String, Instant> pending = new LinkedHashMap<>(savedAt);
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            for (var it = pending.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                JsonNode records = stack.get(stack.sandbox() + "/sandbox/accounts/" + account + "/brightclient-records/"
                        + e.getKey(), null).body();
                if (records != null && records.isArray() && records.size() > 0) {
                    Instant created = Instant.parse(records.get(0).path("createdAt").asText().replaceFirst("(\\+00:00|Z)?$", "Z"));
                    latencies.add(Math.max(0, Duration.between(e.getValue(), created).toMillis()));
                    it.remove();
                }
            }
            Thread.sleep(100);
        }
        Collections.sort(latencies);
        if (!latencies.isEmpty()) {
            System.out.printf("   %d of %d synced; save to BrightClient: median %d ms, worst %d ms%n", latencies.size(),
                    savedAt.size(), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
        }
        if (!pending.isEmpty()) {
            System.out.println("   not synced within 5 minutes: " + pending.keySet());
        }
        return latencies.size();
    }

    /** The first {@code count} failed clients with every open reason of each (reasons span pages). */
    private Map<String, Set<ReasonCode>> openFailures(String importId, int count) {
        Map<String, Set<ReasonCode>> out = new LinkedHashMap<>();
        for (int page = 0;; page++) {
            JsonNode items = stack.get(stack.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId
                    + "/failures?status=OPEN&size=500&page=" + page, token).body().path("items");
            if (items.isEmpty()) {
                return out;
            }
            for (JsonNode item : items) {
                String clientId = item.path("clientId").asText();
                if (out.size() < count || out.containsKey(clientId)) {
                    out.computeIfAbsent(clientId, k -> EnumSet.noneOf(ReasonCode.class))
                            .add(ReasonCode.valueOf(item.path("reasonCode").asText()));
                }
            }
        }
    }
}
