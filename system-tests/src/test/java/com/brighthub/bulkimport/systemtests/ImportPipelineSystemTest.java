package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole import on the real broker and PostgreSQL, every service its own process, driven through
 * the public APIs only, and checked against what the sandbox generated.
 */
class ImportPipelineSystemTest {

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    @Test
    void aGeneratedPracticeIsImportedExactlyAsGenerated() throws Exception {
        // given a practice of 1,000 clients with every kind of defect
        Practice practice = new Practice(stack).withBrightClient(true);
        JsonNode expected = practice.generate(1_000, 11);

        // when its admin runs the bulk import
        java.time.Instant started = java.time.Instant.now();
        String importId = practice.importToCompletion();

        // then the report says exactly what the generator injected
        JsonNode report = practice.report(importId);
        assertThat(report.path("total").asLong()).isEqualTo(1_000);
        assertThat(report.path("alreadyLinked").asLong()).isZero();
        assertThat(report.path("excluded").asLong()).isEqualTo(expected.path("excluded").asLong()).isPositive();
        assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong()).isPositive();
        assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
        assertThat(report.path("alreadyLinked").asLong() + report.path("excluded").asLong()
                + report.path("imported").asLong() + report.path("failed").asLong()).isEqualTo(1_000);
        assertThat(report.path("failuresByReason")).isEqualTo(expected.path("rowsByReason"));

        // and BrightClient holds exactly the generator's valid clients (the same ids), each once
        practice.assertBrightClientHoldsExactlyTheValidClients("first import");
        JsonNode held = practice.brightClientStats();
        assertThat(held.path("records").asLong()).isEqualTo(report.path("imported").asLong());
        assertThat(held.path("duplicates").asLong()).isZero();

        // and the failures file has one row per reason, and no row of a reason the generator did not inject
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(practice.failuresCsv(importId))).getRecords();
        Map<String, Long> rowsByReason = new HashMap<>();
        rows.forEach(r -> rowsByReason.merge(r.get("reason_code"), 1L, Long::sum));
        Map<String, Long> expectedRows = new HashMap<>();
        expected.path("rowsByReason").fields().forEachRemaining(e -> expectedRows.put(e.getKey(), e.getValue().asLong()));
        assertThat(rowsByReason).isEqualTo(expectedRows);

        // and import-api shows it finished, every client accounted for
        JsonNode status = practice.status(importId);
        assertThat(status.path("processed").asLong()).isEqualTo(1_000);
        assertThat(java.time.Instant.parse(status.path("finishedAt").asText())).isBetween(started,
                java.time.Instant.now());
    }

    @Test
    void aReRunProcessesOnlyClientsNotYetLinked() {
        // given a practice imported once
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(300, 12);
        JsonNode first = practice.report(practice.importToCompletion());
        // import-api knows every link the first import made (what the pre-flight says comes from its own copy)
        await("import-api has the links").atMost(Duration.ofMinutes(1)).until(() -> Practice.expect(practice.api.get(
                practice.api.importApi() + "/api/v1/accounts/" + practice.account + "/imports/preflight", practice.admin),
                200).body().path("alreadyLinked").asLong() == first.path("imported").asLong());
        Set<String> linked = new HashSet<>();
        Practice.expect(practice.api.get(practice.api.sandbox() + "/brightclient/accounts/" + practice.account
                + "/clients", null), 200).body().forEach(r -> linked.add(r.path("brightManagerId").asText()));

        // when the import is run again
        String secondId = practice.importToCompletion();
        JsonNode second = practice.report(secondId);

        // then import-api itself skipped the linked clients: it counted them and sent none of them on
        // (sync-worker would also answer "already linked", which alone would pass the report's figures)
        assertThat(practice.status(secondId).path("alreadyLinked").asLong()).isEqualTo(linked.size());
        Set<String> sent = clientRecordsOf(secondId);
        assertThat(sent).as("client records of the re-run").hasSize(300 - linked.size()).doesNotContainAnyElementsOf(linked);

        // then every client imported the first time counts as already linked, and nothing is created twice
        assertThat(second.path("total").asLong()).isEqualTo(300);
        assertThat(second.path("alreadyLinked").asLong()).isEqualTo(first.path("imported").asLong()).isPositive();
        assertThat(second.path("imported").asLong()).isZero();
        assertThat(second.path("failed").asLong()).isEqualTo(first.path("failed").asLong());
        assertThat(second.path("excluded").asLong()).isEqualTo(first.path("excluded").asLong());
        JsonNode held = practice.brightClientStats();
        assertThat(held.path("records").asLong()).isEqualTo(first.path("imported").asLong());
        assertThat(held.path("duplicates").asLong()).isZero();
    }

    /** The clients of every client-record event of an import, read from the topic (import-id header). */
    static Set<String> clientRecordsOf(String importId) {
        Set<String> clients = new HashSet<>();
        stack.readTopic(Topics.CLIENT_RECORDS, r -> {
            Header h = r.headers().lastHeader(ClientRecordEvent.IMPORT_HEADER);
            if (h != null && importId.equals(new String(h.value(), StandardCharsets.UTF_8))) {
                clients.add(Json.read(r.value(), ClientRecordEvent.class).clientId());
            }
        });
        return clients;
    }

    @Test
    void clientFilesWrittenAsFormulasAreTextInTheFailuresFile() throws Exception {
        // given client files whose text would start formulas in a spreadsheet, behind whitespace, control and
        // fullwidth characters – saved in BrightManager, each failing a rule so it has a row
        Practice practice = new Practice(stack).withBrightClient(false);
        String[] hostile = {"=HYPERLINK(\"http://evil.example\",\"x\")", "\u3000=1+1", "\t+SUM(A1)", " -2+3",
            "\uFF20SUM(A1)", "\r\n=cmd|'/C calc'!A0", "\uFF1D1+1"};
        for (int i = 0; i < hostile.length; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode client = new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode().put("id", "BM-H" + i).put("reference", hostile[i]).put("name", hostile[i])
                    .put("type", "TRUST");
            client.putArray("addresses");
            client.putArray("contacts").addObject().put("kind", "MAIN").put("firstName", hostile[i]).put("lastName", "");
            Practice.expect(practice.api.put(practice.api.sandbox() + "/brightmanager/accounts/" + practice.account
                    + "/clients/BM-H" + i, null, client.toString()), 200);
        }
        practice.withBrightClient(true);

        // when they are imported: validated by the validator, reported by the report-service
        String importId = practice.importToCompletion();

        // then no cell of the failures file starts a formula, whatever precedes it
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(practice.failuresCsv(importId))).getRecords();
        assertThat(rows).hasSize(hostile.length);
        for (CSVRecord row : rows) {
            for (String cell : row.toList()) {
                String visible = cell.replaceFirst("^[\\s\\p{Z}\\p{Cc}\\uFEFF]+", "");
                assertThat(visible).as("cell %s", cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\uFF1D").doesNotStartWith("\uFF0B")
                        .doesNotStartWith("\uFF0D").doesNotStartWith("\uFF20");
            }
            assertThat(row.get("client_name")).as("the name, quoted as text").startsWith("'");
            assertThat(row.get("detail")).as("the contact named in the detail").startsWith("'");
        }
    }

    @Test
    void anAccountWithoutBrightClientCannotStartAnImport() {
        Practice practice = new Practice(stack).withBrightClient(false);
        practice.generate(10, 13);

        var answer = practice.startImport();

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("code").asText()).isEqualTo("BRIGHTCLIENT_NOT_ENABLED");
    }
}
