package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Practices sharing the pipeline on the real system: a small import is not queued behind a large one's
 * backlog, and BrightClient limiting one practice's calls (429 per organisation) holds up that practice alone.
 */
class FairnessSystemTest {

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    @Test
    void onePracticesThrottlingNeverHoldsUpAnothersImport() {
        Practice throttled = new Practice(stack).withBrightClient(true);
        JsonNode throttledExpected = throttled.generate(200, 51);
        Practice other = new Practice(stack).withBrightClient(true);
        JsonNode otherExpected = other.generate(1_000, 52);
        // BrightClient takes 2 calls a second of the first practice: its 150 valid clients need over a minute
        throttled.faults("{\"rateLimitAccount\": \"" + throttled.account + "\", \"rateLimitPerSecond\": 2}");
        try {
            String slow = Practice.expect(throttled.startImport(), 202).body().path("importId").asText();
            String fast = Practice.expect(other.startImport(), 202).body().path("importId").asText();

            other.awaitCompleted(fast);
            JsonNode slowStatus = throttled.status(slow);
            System.out.printf("the other practice's import completed while the throttled one had %,d of %,d processed%n",
                    slowStatus.path("processed").asLong(), 200);

            assertThat(slowStatus.path("status").asText()).as("the throttled practice's import, still under its limit")
                    .isEqualTo("RUNNING");
            JsonNode report = other.report(fast);
            assertThat(report.path("imported").asLong()).isEqualTo(otherExpected.path("validClients").asLong());
            assertThat(report.path("failed").asLong()).isEqualTo(otherExpected.path("failedClients").asLong());

            // the limit lifted, the throttled practice's deferred records all sync, each once
            throttled.faults("{}");
            throttled.awaitCompleted(slow);
            JsonNode slowReport = throttled.report(slow);
            assertThat(slowReport.path("imported").asLong()).isEqualTo(throttledExpected.path("validClients").asLong());
            assertThat(slowReport.path("failed").asLong()).isEqualTo(throttledExpected.path("failedClients").asLong());
            assertThat(throttled.brightClientStats().path("records").asLong())
                    .isEqualTo(throttledExpected.path("validClients").asLong());
            assertThat(throttled.brightClientStats().path("duplicates").asLong()).isZero();
        } finally {
            throttled.faults("{}");
        }
    }

    @Test
    void aSmallImportStartedAfterALargeOneCompletesWhileTheLargeOneRuns() {
        // each import's share of the pipeline bounded at 500 clients in flight (8,000 by default), and pages of 500:
        // the large import is enumerated much faster than BrightClient takes its clients
        stack.stopService("import-api");
        stack.restartService("import-api", Map.of("IMPORT_MAX_IN_FLIGHT", "500", "IMPORT_PAGE_SIZE", "500"));
        Practice large = new Practice(stack).withBrightClient(true);
        JsonNode largeExpected = large.generate(10_000, 53);
        Practice small = new Practice(stack).withBrightClient(true);
        JsonNode smallExpected = small.generate(500, 54);
        // BrightClient answering in 150 ms: the large import's 7,500 valid clients take sync-worker some 9 s
        large.faults("{\"latencyMs\": 150}");
        try {
            String largeId = Practice.expect(large.startImport(), 202).body().path("importId").asText();
            await("the large import has its share in flight").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100)).until(() -> large.status(largeId).path("total").asLong() >= 500);

            String smallId = small.importToCompletion();
            JsonNode largeStatus = large.status(largeId);
            long largeImported = large.report(largeId).path("imported").asLong();
            System.out.printf("the small import completed while the large one had %,d of its %,d valid clients"
                    + " imported%n", largeImported, largeExpected.path("validClients").asLong());

            assertThat(largeStatus.path("status").asText()).isEqualTo("RUNNING");
            // on a first-come pipeline the small import's clients wait behind every one the large import enumerated
            // by then (some 2,800 imported, in a run with the bound off); here behind at most a page or two
            assertThat(largeImported).as("the large import's clients imported by then").isLessThan(1_500);
            JsonNode smallReport = small.report(smallId);
            assertThat(smallReport.path("imported").asLong()).isEqualTo(smallExpected.path("validClients").asLong());
            assertThat(smallReport.path("failed").asLong()).isEqualTo(smallExpected.path("failedClients").asLong());

            large.awaitCompleted(largeId);
            JsonNode largeReport = large.report(largeId);
            assertThat(largeReport.path("total").asLong()).as("each page enumerated once across its turns")
                    .isEqualTo(10_000);
            assertThat(largeReport.path("imported").asLong()).isEqualTo(largeExpected.path("validClients").asLong());
            assertThat(largeReport.path("failed").asLong()).isEqualTo(largeExpected.path("failedClients").asLong());
            assertThat(large.brightClientStats().path("duplicates").asLong()).isZero();
        } finally {
            large.faults("{}");
            stack.stopService("import-api");
            stack.restartService("import-api", Map.of());
        }
    }
}
