package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Practices sharing the pipeline on the real system: BrightClient limiting one practice's calls (429 per
 * organisation) holds up that practice alone.
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
}
