package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report is a pure function of the events: report-service, started on an empty schema and replaying
 * every topic from the start, rebuilds exactly the same report – duplicates never double-count.
 */
class ReportRebuildSystemTest {

    static final List<String> FIGURES = List.of("status", "total", "alreadyLinked", "excluded", "imported", "failed",
            "failuresByReason");

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    @Test
    void aReportRebuiltFromAFullReplayEqualsTheOriginal() {
        // given a completed import, imported twice so the topics hold already-linked outcomes too
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(400, 21);
        practice.importToCompletion();
        String importId = practice.importToCompletion();
        JsonNode original = practice.report(importId);

        // when report-service loses its database and replays every topic from the start
        stack.stopService("report-service");
        stack.sql("DROP SCHEMA report_service CASCADE");
        stack.restartService("report-service", Map.of("REPORT_CONSUMER_GROUP", "report-replay-" + UUID.randomUUID()));

        // then it rebuilds the same figures
        await("report rebuilt").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var answer = practice.api.get(practice.api.reportService() + "/api/v1/accounts/" + practice.account
                    + "/imports/" + importId + "/report", practice.admin);
            assertThat(answer.status()).isEqualTo(200);
            for (String figure : FIGURES) {
                assertThat(answer.body().path(figure)).as(figure).isEqualTo(original.path(figure));
            }
        });
    }
}
