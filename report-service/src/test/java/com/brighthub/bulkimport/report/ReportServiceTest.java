package com.brighthub.bulkimport.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.brighthub.bulkimport.common.messaging.testing.PolledBatch;
import com.brighthub.bulkimport.devtools.DevTokens;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.model.events.ImportProgress;
import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.SyncResult;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.report.messaging.PipelineListener;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportServiceTest {

    @Inject
    PipelineListener listener;

    @Inject
    @Any
    InMemoryConnector connector;

    String account;
    String importId;

    @BeforeEach
    void setUp() {
        connector.sink("import-progress").clear();
        connector.sink("dead-letters").clear();
        account = "ACC-" + UUID.randomUUID();
        importId = UUID.randomUUID().toString();
    }

    record Rec(String topic, String value) {
    }

    Rec lifecycle(ImportEvent.Type type, long total, long linked, long emitted) {
        return lifecycle(type, total, linked, emitted, null);
    }

    Rec lifecycle(ImportEvent.Type type, long total, long linked, long emitted, String failureReason) {
        return new Rec(Topics.IMPORT_EVENTS, Json.write(new ImportEvent(UUID.randomUUID(), account, importId, type,
                Instant.now(), "alice", Instant.now(), total, linked, emitted, failureReason)));
    }

    Rec verdict(String clientId, String name, Verdict verdict, Reason... reasons) {
        Client client = verdict == Verdict.PASS
                ? new Client(clientId, "R", name, "TRUST", null, null, null, List.of(), List.of()) : null;
        return new Rec(Topics.VALIDATION_RESULTS, Json.write(new ValidationResult(UUID.randomUUID(), account, importId,
                clientId, Origin.IMPORT, Instant.now(), verdict, List.of(reasons), client, "REF-" + clientId, name,
                Instant.now())));
    }

    Rec sync(String clientId, SyncOutcome outcome, Reason... reasons) {
        return new Rec(Topics.SYNC_RESULTS, Json.write(new SyncResult(UUID.randomUUID(), account, importId, clientId,
                Origin.IMPORT, Instant.now(), outcome, outcome == SyncOutcome.REJECTED ? null : "BC-" + clientId,
                List.of(reasons), "REF-" + clientId, "Name " + clientId)));
    }

    Rec saveVerdict(String clientId, Verdict verdict, Reason... reasons) {
        return new Rec(Topics.SAVE_VERDICTS, Json.write(new ValidationResult(UUID.randomUUID(), account, null,
                clientId, Origin.SAVE, Instant.now(), verdict, List.of(reasons), null, "REF-" + clientId, "Broken Ltd",
                Instant.now())));
    }

    Rec saveSynced(String clientId) {
        return new Rec(Topics.SYNC_RESULTS, Json.write(new SyncResult(UUID.randomUUID(), account, null, clientId,
                Origin.SAVE, Instant.now(), SyncOutcome.IMPORTED, "BC-" + clientId, List.of(), "REF-" + clientId, "Broken Ltd")));
    }

    void deliver(Rec... recs) {
        deliver(List.of(recs));
    }

    void deliver(List<Rec> recs) {
        PolledBatch.Builder b = PolledBatch.builder();
        recs.forEach(r -> b.add(r.topic(), "k", r.value()));
        listener.onEvents(b.build());
    }

    String admin() {
        return DevTokens.token(account, "Admin", "alice");
    }

    List<Rec> aSmallImport() {
        return List.of(
                lifecycle(ImportEvent.Type.STARTED, 0, 0, 0),
                verdict("BM-1", "Ok Ltd", Verdict.PASS),
                sync("BM-1", SyncOutcome.IMPORTED),
                verdict("BM-2", "Broken Ltd", Verdict.FAIL, new Reason(ReasonCode.ADDRESS_LINE_1_MISSING, "Trading address"),
                        new Reason(ReasonCode.CONTACT_ROLE_MISSING, "Ann Lee (Main Contact)")),
                verdict("BM-3", "Solo", Verdict.EXCLUDED, new Reason(ReasonCode.SELF_ASSESSMENT, "Self-Assessment")),
                verdict("BM-4", "Vat Ltd", Verdict.PASS),
                sync("BM-4", SyncOutcome.REJECTED, new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, "vatNumber 'GB12' is not valid")),
                verdict("BM-5", "Known Ltd", Verdict.PASS),
                sync("BM-5", SyncOutcome.ALREADY_LINKED),
                lifecycle(ImportEvent.Type.ENUMERATED, 7, 2, 5));
    }

    @Test
    void outcomesInAnyOrderAndTwiceGiveTheSameExactReport() {
        List<Rec> all = new ArrayList<>(aSmallImport());
        all.addAll(aSmallImport());
        Collections.shuffle(all, new Random(3));

        deliver(all.subList(0, 7));
        deliver(all.subList(7, all.size()));

        // every client is accounted for, but the status is import-api's: RUNNING until it announces the end
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(200).body("status", equalTo("RUNNING")).body("outstanding", equalTo(0));
        deliver(List.of(lifecycle(ImportEvent.Type.COMPLETED, 7, 2, 5)));

        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("notProcessed", equalTo(0))
                .body("total", equalTo(7))
                .body("alreadyLinked", equalTo(3))
                .body("excluded", equalTo(1))
                .body("imported", equalTo(1))
                .body("failed", equalTo(2))
                .body("failuresByReason.ADDRESS_LINE_1_MISSING", equalTo(1))
                .body("failuresByReason.CONTACT_ROLE_MISSING", equalTo(1))
                .body("failuresByReason.BRIGHTCLIENT_REJECTED", equalTo(1))
                .body("percent", equalTo(100));
        List<ImportProgress> progress = connector.sink("import-progress").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ImportProgress.class)).toList();
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.completed()).isTrue();
            assertThat(p.processed()).isEqualTo(7);
        });
    }

    @Test
    void aFailedImportSaysWhyAndCountsTheClientsItNeverReachedAsNotProcessed() {
        // BrightManager said 10 clients; the import failed after the first page of 7
        List<Rec> recs = new ArrayList<>(aSmallImport().stream()
                .filter(r -> !r.value().contains("\"ENUMERATED\"")).toList());
        recs.add(lifecycle(ImportEvent.Type.ENUMERATING, 7, 2, 5));
        recs.add(lifecycle(ImportEvent.Type.FAILED, 10, 2, 5, "BrightManager refused to list this account's clients"));
        deliver(recs);
        // a late fact about the run never brings it back to RUNNING
        deliver(List.of(lifecycle(ImportEvent.Type.ENUMERATING, 7, 2, 5)));

        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("BrightManager refused to list this account's clients"))
                .body("total", equalTo(10))
                .body("notProcessed", equalTo(3))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void brightSupportReadsAnyAccountsReportAndEachReadGoesToThatAccountsAuditTrail() {
        connector.sink("audit").clear();
        deliver(aSmallImport());
        String support = DevTokens.support("sue");
        String base = "/api/v1/accounts/" + account + "/imports/" + importId;

        given().auth().oauth2(support).get(base + "/report").then().statusCode(200).body("total", equalTo(7));
        given().auth().oauth2(support).get(base + "/failures.csv").then().statusCode(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(connector.sink("audit").received().stream()
                        .map(m -> Json.read((String) m.getPayload(), com.brighthub.bulkimport.model.events.AuditEvent.class))
                        .toList()).allSatisfy(e -> {
                            assertThat(e.accountId()).isEqualTo(account);
                            assertThat(e.userId()).isEqualTo("sue");
                            assertThat(e.action()).isEqualTo("SUPPORT_ACCESS");
                            assertThat(e.importId()).isEqualTo(importId);
                        }).extracting(com.brighthub.bulkimport.model.events.AuditEvent::message)
                        .containsExactlyInAnyOrder("GET " + base + "/report", "GET " + base + "/failures.csv"));
    }

    @Test
    void aRecordAnyConsumerDeadLetteredStillCountsOnceAsUnreadable() {
        // BM-5's PASS verdict and sync result never come: the validator dead-lettered its record
        List<Rec> recs = aSmallImport().stream().filter(r -> !r.value().contains("\"BM-5\"")).toList();
        deliver(recs);
        String base = "/api/v1/accounts/" + account + "/imports/" + importId;
        given().auth().oauth2(admin()).get(base + "/report").then().statusCode(200).body("outstanding", equalTo(1));

        ConsumerRecords<String, String> deadLettered = PolledBatch.builder()
                .add(Topics.DLQ_RECORD_VALIDATOR, account + ":BM-5", "{not json at all", "import-id", importId)
                .build();
        for (var r : deadLettered) {
            r.headers().add(DeadLetters.REASON, "ClientRecordEvent is not valid JSON".getBytes(StandardCharsets.UTF_8));
            r.headers().add(DeadLetters.TOPIC, Topics.CLIENT_RECORDS.getBytes(StandardCharsets.UTF_8));
        }
        listener.onEvents(deadLettered);
        // a replay of the record, and then its ordinary outcome, count nothing more
        listener.onEvents(deadLettered);
        deliver(verdict("BM-5", "Known Ltd", Verdict.PASS), sync("BM-5", SyncOutcome.ALREADY_LINKED));

        given().auth().oauth2(admin()).get(base + "/report").then().statusCode(200)
                .body("outstanding", equalTo(0))
                .body("failed", equalTo(3))
                .body("alreadyLinked", equalTo(2))
                .body("failuresByReason.RECORD_UNREADABLE", equalTo(1));
        given().auth().oauth2(admin()).get(base + "/failures?reason=RECORD_UNREADABLE").then().statusCode(200)
                .body("items[0].clientId", equalTo("BM-5"))
                .body("items[0].detail", org.hamcrest.Matchers.containsString("not valid JSON"));
    }

    @Test
    void anImportIsNotCompleteUntilEveryEmittedClientHasAnOutcome() {
        List<Rec> partial = aSmallImport().stream().filter(r -> !r.value().contains("\"BM-5\"")).toList();

        deliver(partial);

        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(200).body("status", equalTo("RUNNING")).body("outstanding", equalTo(1));
    }

    @Test
    void theFailuresFileSurvivesHostileNamesAndNeverStartsAFormula() throws Exception {
        String[] names = {"=SUM(A1:A9)", "+44 Telecoms", "-Minus", "@Home", "\tTabbed", "Comma, \"Quoted\" Ltd",
            "Line\nBreak", "Emoji 🚀 Ltd", "مطعم الأرز", "Zoë's Café"};
        List<Rec> recs = new ArrayList<>();
        recs.add(lifecycle(ImportEvent.Type.STARTED, 0, 0, 0));
        for (int i = 0; i < names.length; i++) {
            recs.add(verdict("BM-" + i, names[i], Verdict.FAIL, new Reason(ReasonCode.REQUIRED_FIELD_BLANK, "companyNumber")));
        }
        deliver(recs);

        var response = given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId + "/failures.csv")
                .then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).contains("bulk-import-failures-" + account);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.asString())).getRecords();
        assertThat(rows).hasSize(names.length);
        for (CSVRecord row : rows) {
            for (String cell : row.values()) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
            assertThat(row.get("how_to_fix")).contains("Company number");
            assertThat(row.get("status")).isEqualTo("OPEN");
        }
        List<String> namesRead = rows.stream().map(r -> r.get("client_name")).map(n -> n.startsWith("'") ? n.substring(1) : n)
                .toList();
        assertThat(namesRead).containsExactlyInAnyOrder(names);
    }

    @Test
    void failuresArePagedAndFiltered() {
        deliver(aSmallImport());
        String path = "/api/v1/accounts/" + account + "/imports/" + importId + "/failures";

        given().auth().oauth2(admin()).get(path + "?reason=CONTACT_ROLE_MISSING").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].clientId", equalTo("BM-2"))
                .body("items[0].reason", equalTo("Contact has no role assigned"));
        given().auth().oauth2(admin()).get(path + "?size=2&page=1").then().statusCode(200)
                .body("totalItems", equalTo(3)).body("items.size()", equalTo(1));
        for (String bad : java.util.List.of("reason=NOPE", "status=CLOSED", "page=-1", "page=x", "size=0", "size=1001",
                "size=100000000", "size=abc", "size=1.5")) {
            given().auth().oauth2(admin()).get(path + "?" + bad).then().statusCode(400)
                    .body("code", equalTo("INVALID_PARAMETER")).body("message", org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.emptyOrNullString()));
        }
        given().auth().oauth2(admin()).get(path + "?size=1000&status=OPEN").then().statusCode(200);
    }

    @Test
    void aFixSavedInBrightManagerResolvesTheFailureRowsOnce() {
        deliver(aSmallImport());

        deliver(saveVerdict("BM-2", Verdict.PASS), saveSynced("BM-2"));
        deliver(saveSynced("BM-2"));
        deliver(saveVerdict("BM-2", Verdict.FAIL, new Reason(ReasonCode.ADDRESS_LINE_1_MISSING, "Trading address")));

        String base = "/api/v1/accounts/" + account + "/imports/" + importId;
        given().auth().oauth2(admin()).get(base + "/report").then().statusCode(200)
                .body("resolvedSinceImport", equalTo(1)).body("failed", equalTo(2));
        given().auth().oauth2(admin()).get(base + "/failures?status=RESOLVED").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.clientId", org.hamcrest.Matchers.everyItem(equalTo("BM-2")));
        given().auth().oauth2(admin()).get(base + "/failures?status=OPEN").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].clientId", equalTo("BM-4"));
    }

    @Test
    void aPartialFixLeavesOnlyTheRemainingReasonOpen() {
        deliver(aSmallImport());

        deliver(saveVerdict("BM-2", Verdict.FAIL, new Reason(ReasonCode.CONTACT_ROLE_MISSING, "Ann Lee (Main Contact)")));

        String base = "/api/v1/accounts/" + account + "/imports/" + importId;
        given().auth().oauth2(admin()).get(base + "/failures?status=OPEN&reason=CONTACT_ROLE_MISSING").then()
                .body("totalItems", equalTo(1));
        given().auth().oauth2(admin()).get(base + "/failures?status=RESOLVED").then()
                .body("totalItems", equalTo(1)).body("items[0].reasonCode", equalTo("ADDRESS_LINE_1_MISSING"));
        given().auth().oauth2(admin()).get(base + "/report").then().body("resolvedSinceImport", equalTo(0));
    }

    @Test
    void theReportPageShowsTheBucketsTheChartAndTheFailuresWithTheirFixAndTheirLinkIntoBrightManager() {
        deliver(aSmallImport());
        String page = "/ui/accounts/" + account + "/imports/" + importId + "/report";

        String html = given().cookie("bright_session", admin()).get(page).then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'"))
                .extract().asString();
        assertThat(html).contains("id=\"imported\">1<", "id=\"failed\">2<", "id=\"excluded\">1<",
                "id=\"already-linked\">3<", "id=\"not-processed\">0<", "<svg class=\"chart\"",
                "Address Line 1 is missing", "Open the client file and add at least Address Line 1",
                "href=\"https://brightmanager.test/accounts/" + account + "/clients/BM-2\"",
                "href=\"/ui/accounts/" + account + "/imports/" + importId + "/failures.csv\"", "data-live=");
        assertThat(html.split("<tr data-client=", -1)).hasSize(1 + 3);

        String filtered = given().cookie("bright_session", admin()).queryParam("reason", "BRIGHTCLIENT_REJECTED")
                .get(page).then().statusCode(200).extract().asString();
        assertThat(filtered).contains("data-client=\"BM-4\"").doesNotContain("data-client=\"BM-2\"");
        given().cookie("bright_session", admin()).queryParam("status", "MAYBE").get(page).then().statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"));
        given().cookie("bright_session", admin()).get(page.replace("/report", "/failures.csv")).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"));
    }

    @Test
    void aFixTurnsItsRowsResolvedOnTheReportPageAndTheFilterFindsThem() {
        deliver(aSmallImport());
        deliver(saveVerdict("BM-2", Verdict.PASS), saveSynced("BM-2"));
        String page = "/ui/accounts/" + account + "/imports/" + importId + "/report";

        String resolved = given().cookie("bright_session", admin()).queryParam("status", "RESOLVED").get(page).then()
                .statusCode(200).extract().asString();
        assertThat(resolved.split("<tr data-client=\"BM-2\"", -1)).hasSize(1 + 2);
        assertThat(resolved).contains("status-RESOLVED").doesNotContain("data-client=\"BM-4\"")
                .contains("id=\"resolved\">1<");
    }

    @Test
    void theReportPageStopsRefreshingOnceTheImportEndedWithNothingLeftToResolve() {
        deliver(lifecycle(ImportEvent.Type.STARTED, 0, 0, 0), verdict("BM-1", "Ok Ltd", Verdict.PASS),
                sync("BM-1", SyncOutcome.IMPORTED), lifecycle(ImportEvent.Type.ENUMERATED, 1, 0, 1),
                lifecycle(ImportEvent.Type.COMPLETED, 1, 0, 1));
        String page = "/ui/accounts/" + account + "/imports/" + importId + "/report";

        String html = given().cookie("bright_session", admin()).get(page).then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"report-status\">COMPLETED<").doesNotContain("data-live");
    }

    @Test
    void anotherPracticesReportPageIsRefusedOrNotFound() {
        deliver(aSmallImport());
        String other = "ACC-" + UUID.randomUUID();
        given().cookie("bright_session", DevTokens.token(other, "Admin", "eve"))
                .get("/ui/accounts/" + account + "/imports/" + importId + "/report").then().statusCode(403)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Broken Ltd")));
        given().cookie("bright_session", DevTokens.token(other, "Admin", "eve"))
                .get("/ui/accounts/" + other + "/imports/" + importId + "/report").then().statusCode(404)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Broken Ltd")));
        given().redirects().follow(false).get("/ui/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(303);
    }

    @Test
    void anotherAccountSeesNothing() {
        deliver(aSmallImport());
        String other = "ACC-" + UUID.randomUUID();

        given().auth().oauth2(DevTokens.token(other, "Admin", "eve"))
                .get("/api/v1/accounts/" + other + "/imports/" + importId + "/report")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(DevTokens.token(other, "Admin", "eve"))
                .get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(403);
        given().auth().oauth2(DevTokens.token(account, "Staff", "sam"))
                .get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(403);
    }

    @Test
    void poisonOnAnyTopicIsDeadLetteredAndTheBatchStillCounts() {
        List<Rec> recs = new ArrayList<>(aSmallImport());
        recs.add(new Rec(Topics.SYNC_RESULTS, "{broken"));
        recs.add(new Rec(Topics.VALIDATION_RESULTS, "{\"origin\": \"IMPORT\", \"verdict\": \"FAIL\"}"));
        recs.add(new Rec(Topics.IMPORT_EVENTS, "[]"));
        recs.add(new Rec("some.other.topic", "{}"));

        deliver(recs);

        assertThat(connector.sink("dead-letters").received()).hasSize(4);
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(200).body("processed", equalTo(7)).body("outstanding", equalTo(0));
    }

    @Test
    void aVerdictMarkedPassIsSkippedUnreadAndOthersAreRead() {
        PolledBatch.Builder b = PolledBatch.builder();
        aSmallImport().forEach(r -> b.add(r.topic(), "k", r.value()));
        // not even JSON: were it decoded, it would be dead-lettered
        b.add(Topics.VALIDATION_RESULTS, "k", "{a pass, never read", ValidationResult.VERDICT_HEADER, "PASS");
        Rec failed = verdict("BM-6", "Late Ltd", Verdict.FAIL, new Reason(ReasonCode.REQUIRED_FIELD_BLANK, "name"));
        b.add(failed.topic(), "k", failed.value(), ValidationResult.VERDICT_HEADER, "FAIL");

        listener.onEvents(b.build());

        assertThat(connector.sink("dead-letters").received()).isEmpty();
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId + "/report")
                .then().statusCode(200).body("failed", equalTo(3)).body("failuresByReason.REQUIRED_FIELD_BLANK", equalTo(1));
    }
}
