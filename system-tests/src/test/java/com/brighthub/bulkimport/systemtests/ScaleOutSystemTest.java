package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.devtools.GroupsCli;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service on the real broker and database, as {@code ./bright up --instances 2}
 * starts them: they split each consumer group's partitions, both do work, and the figures stay exact.
 */
class ScaleOutSystemTest {

    static final List<String> SCALED = List.of("import-api", "record-validator", "sync-worker", "report-service");

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    /** The outcomes a sync-worker instance has reported since it started, from its metrics. */
    static double syncOutcomes(String instance) {
        String metrics = Practice.expect(new Practice(stack).api.get(stack.managementUrl(instance) + "/q/metrics", null),
                200).raw();
        Matcher m = Pattern.compile("(?m)^bulkimport_sync_outcomes_total\\{[^}]*\\} ([0-9.E]+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Test
    void twoInstancesOfEveryServiceShareTheWorkAndGiveExactFigures() throws Exception {
        SCALED.forEach(svc -> stack.startInstance(svc + "-2", svc));
        try (Admin admin = Admin.create(stack.kafkaClientConfig())) {
            // each group that reads the pipeline's bulk topics splits their 6 partitions between the two
            for (String group : List.of("record-validator", "sync-worker", "report-service")) {
                await(group + " shares its partitions").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            List<GroupsCli.Member> members = GroupsCli.members(admin, group);
                            return members.size() == 2 && members.stream().allMatch(mb -> !mb.partitions().isEmpty());
                        });
                System.out.printf("%s: %s%n", group, GroupsCli.members(admin, group).stream()
                        .map(mb -> mb.partitions().size() + " partitions").toList());
            }
            double firstBefore = syncOutcomes("sync-worker");
            double secondBefore = syncOutcomes("sync-worker-2");

            Practice practice = new Practice(stack).withBrightClient(true);
            JsonNode expected = practice.generate(3_000, 61);
            String importId = practice.importToCompletion();

            JsonNode report = practice.report(importId);
            assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
            assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong());
            assertThat(report.path("excluded").asLong()).isEqualTo(expected.path("excluded").asLong());
            assertThat(report.path("failuresByReason")).isEqualTo(expected.path("rowsByReason"));
            practice.assertBrightClientHoldsExactlyTheValidClients("two instances of each service");
            assertThat(practice.brightClientStats().path("duplicates").asLong()).isZero();
            double first = syncOutcomes("sync-worker") - firstBefore;
            double second = syncOutcomes("sync-worker-2") - secondBefore;
            System.out.printf("sync outcomes per instance: sync-worker %.0f, sync-worker-2 %.0f%n", first, second);
            assertThat(first).as("sync-worker's share").isPositive();
            assertThat(second).as("sync-worker-2's share").isPositive();
            // a batch redelivered by a rebalance reports its outcomes again (the report de-duplicates them)
            assertThat(first + second).as("every valid client, across both")
                    .isGreaterThanOrEqualTo((double) expected.path("validClients").asLong());
        } finally {
            SCALED.forEach(svc -> stack.stopService(svc + "-2"));
        }
    }
}
