package com.brighthub.bulkimport.importapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.brighthub.bulkimport.common.messaging.testing.PolledBatch;
import com.brighthub.bulkimport.devtools.DevTokens;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.messaging.ProgressListener;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.model.events.ImportProgress;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportResourceTest {

    @InjectMock
    BrightManagerPort brightManager;

    @Inject
    com.brighthub.bulkimport.importapi.domain.ImportGauges gauges;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    ProgressListener progressListener;

    String account;

    @BeforeEach
    void setUp() {
        connector.sink("client-records").clear();
        connector.sink("import-events").clear();
        connector.sink("dead-letters").clear();
        account = "ACC-" + UUID.randomUUID();
        when(brightManager.account(account))
                .thenReturn(Optional.of(new BrightManagerPort.Account(account, "Practice", true)));
    }

    static Client client(String id) {
        return new Client(id, "REF", "Client " + id, "PARTNERSHIP", null, null, null, List.of(), List.of());
    }

    String admin() {
        return DevTokens.token(account, "Admin", "alice");
    }

    String startImport() {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"confirmIrreversible\": true}")
                .post("/api/v1/accounts/" + account + "/imports")
                .then().statusCode(202)
                .header("Location", startsWith("http"))
                .body("status", equalTo("RUNNING"))
                .body("accountId", equalTo(account))
                .body("startedBy", equalTo("alice"))
                .extract().path("importId");
    }

    @Test
    void anImportEmitsOneEventPerClientAcrossPagesThenItsEnumeration() {
        when(brightManager.clients(eq(account), isNull(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1"), client("BM-2")), "2", 3L));
        when(brightManager.clients(eq(account), eq("2"), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-3")), null, null));

        String importId = startImport();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().statusCode(200).body("enumerationComplete", equalTo(true)).body("total", equalTo(3)));
        List<ClientRecordEvent> records = connector.sink("client-records").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ClientRecordEvent.class))
                .filter(e -> e.importId().equals(importId)).toList();
        assertThat(records).extracting(ClientRecordEvent::clientId).containsExactly("BM-1", "BM-2", "BM-3");
        List<ImportEvent> lifecycle = connector.sink("import-events").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ImportEvent.class))
                .filter(e -> e.importId().equals(importId)).toList();
        assertThat(lifecycle).extracting(ImportEvent::type)
                .containsExactly(ImportEvent.Type.STARTED, ImportEvent.Type.ENUMERATING, ImportEvent.Type.ENUMERATED);
        assertThat(lifecycle.get(1).total()).as("running count after the first page").isEqualTo(2);
        assertThat(lifecycle.get(2).total()).isEqualTo(3);
        assertThat(lifecycle.get(2).emitted()).isEqualTo(3);
    }

    @Test
    void anImportWithItsShareOfThePipelineInFlightWaitsForOutcomesBeforeItsNextPage() {
        when(brightManager.clients(eq(account), isNull(), anyInt())).thenReturn(new BrightManagerPort.ClientPage(
                List.of(client("BM-1"), client("BM-2"), client("BM-3"), client("BM-4")), "2", 5L));
        when(brightManager.clients(eq(account), eq("2"), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-5")), null, null));
        String importId = startImport();

        // 4 clients in flight, the bound in tests: the import gives its enumerator up and is not taken up again
        await().atMost(Duration.ofSeconds(20)).until(() -> clientRecordsOf(importId).size() == 4);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId).then().extract().path("total"), equalTo(4));
        verify(brightManager, never()).clients(eq(account), eq("2"), anyInt());

        // outcomes for 2 of them: below the bound, it is taken up again from its next page
        progressListener.onProgress(PolledBatch.of(Topics.IMPORT_PROGRESS, "k", Json.write(new ImportProgress(
                UUID.randomUUID(), account, importId, Instant.now(), 2, 2, 0, 0, 0, Instant.now(), false))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().body("enumerationComplete", equalTo(true)).body("total", equalTo(5)));
        assertThat(clientRecordsOf(importId)).containsExactly("BM-1", "BM-2", "BM-3", "BM-4", "BM-5");
    }

    @Test
    void progressFromTheReportCompletesTheImport() {
        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1")), null, 1L));
        String importId = startImport();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId).then().body("enumerationComplete", equalTo(true)));

        progressListener.onProgress(PolledBatch.of(Topics.IMPORT_PROGRESS, "k", Json.write(new ImportProgress(UUID.randomUUID(), account, importId,
                Instant.now(), 1, 1, 0, 0, 0, Instant.now(), true))));

        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("percent", equalTo(100))
                .body("processed", equalTo(1));
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports")
                .then().statusCode(200).body("[0].importId", equalTo(importId));
        await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle(importId).contains(ImportEvent.Type.COMPLETED));
    }

    List<ImportEvent.Type> lifecycle(String importId) {
        return connector.sink("import-events").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ImportEvent.class))
                .filter(e -> e.importId().equals(importId)).map(ImportEvent::type).toList();
    }

    @Test
    void aCancelStopsTheImportAtOnceAndANewOneMayStart() {
        // a BrightManager that always has another page: the enumeration runs until it is cancelled
        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1")), "next", 1_000_000L));
        String importId = startImport();
        await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle(importId).contains(ImportEvent.Type.ENUMERATING));

        given().auth().oauth2(admin()).post("/api/v1/accounts/" + account + "/imports/" + importId + "/cancel")
                .then().statusCode(202).body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("alice (Admin)"));

        given().auth().oauth2(admin()).post("/api/v1/accounts/" + account + "/imports/" + importId + "/cancel")
                .then().statusCode(409).body("code", equalTo("IMPORT_NOT_RUNNING"));
        await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle(importId).contains(ImportEvent.Type.CANCELLED));
        long emitted = given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().statusCode(200).body("status", equalTo("CANCELLED")).extract().jsonPath().getLong("total");
        ImportEvent cancelled = connector.sink("import-events").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ImportEvent.class))
                .filter(e -> e.importId().equals(importId) && e.type() == ImportEvent.Type.CANCELLED).findFirst().orElseThrow();
        assertThat(cancelled.total()).as("BrightManager's count: the clients not reached are not processed")
                .isEqualTo(1_000_000L);
        assertThat(emitted).isLessThan(1_000_000L);
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/audit")
                .then().statusCode(200).body("[0].action", equalTo("CANCEL_IMPORT")).body("[0].outcome", equalTo("IMPORT_NOT_RUNNING"))
                .body("[1].action", equalTo("CANCEL_IMPORT")).body("[1].outcome", equalTo("CANCELLED"));

        String next = startImport();
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + next)
                .then().statusCode(200).body("status", equalTo("RUNNING"));
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().auth().oauth2(admin()).post("/api/v1/accounts/" + account + "/imports/" + next + "/cancel")
                .then().statusCode(202);
    }

    @Test
    void operatorsSeeRunningImportsOnAGauge() {
        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1")), "next", 1_000_000L));
        gauges.refresh();
        double before = runningGauge();
        String importId = startImport();

        gauges.refresh();
        assertThat(runningGauge()).isEqualTo(before + 1);

        given().auth().oauth2(admin()).post("/api/v1/accounts/" + account + "/imports/" + importId + "/cancel")
                .then().statusCode(202);
        gauges.refresh();
        assertThat(runningGauge()).isEqualTo(before);
    }

    static double runningGauge() {
        return Double.parseDouble(given().get("/q/metrics").then().statusCode(200).extract().asString()
                .lines().filter(l -> l.startsWith("bulkimport_imports{") && l.contains("state=\"running\""))
                .findFirst().orElseThrow().replaceAll(".* ", ""));
    }

    @Test
    void aBrightManagerThatRefusesEndsTheImportFailedWithAReasonAndFreesTheAccount() {
        when(brightManager.clients(eq(account), isNull(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1"), client("BM-2")), "2", 5L));
        when(brightManager.clients(eq(account), eq("2"), anyInt()))
                .thenThrow(new com.brighthub.bulkimport.importapi.brightmanager.BrightManagerRefusedException(
                        "BrightManager answered 403", null));
        String importId = startImport();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().statusCode(200).body("status", equalTo("FAILED"))
                .body("failureReason", org.hamcrest.Matchers.containsString("BrightManager refused"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue()));
        await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle(importId).contains(ImportEvent.Type.FAILED));

        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(), null, 0L));
        startImport();
    }

    @Test
    void aSecondStartWhileOneRunsIsRefusedNamingTheRunningImport() {
        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(), null, 0L));
        String importId = startImport();

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"confirmIrreversible\": true}")
                .post("/api/v1/accounts/" + account + "/imports")
                .then().statusCode(409).body("code", equalTo("IMPORT_ALREADY_RUNNING")).body("importId", equalTo(importId));
    }

    @Test
    void theStartNeedsAnExplicitConfirmation() {
        for (String body : List.of("{}", "{\"confirmIrreversible\": false}", "{\"confirmIrreversible\": null}",
                "{\"confirmIrreversible\": 1}", "{\"confirmIrreversible\": \"true\"}", "{\"confirmIrreversible\": [true]}")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/accounts/" + account + "/imports")
                    .then().statusCode(400).body("code", equalTo("CONFIRMATION_REQUIRED"));
        }
    }

    @Test
    void anAccountWithoutBrightClientCannotImport() {
        when(brightManager.account(account))
                .thenReturn(Optional.of(new BrightManagerPort.Account(account, "Practice", false)));

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"confirmIrreversible\": true}")
                .post("/api/v1/accounts/" + account + "/imports")
                .then().statusCode(409).body("code", equalTo("BRIGHTCLIENT_NOT_ENABLED"));
    }

    @Test
    void onlyAnAdminOrOwnerOfTheAccountGetsIn() {
        String path = "/api/v1/accounts/" + account + "/imports";
        given().get(path).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2("not-a-token").get(path).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2(DevTokens.token(account, "Staff", "bob")).get(path).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(DevTokens.token("OTHER", "Admin", "eve")).get(path).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(DevTokens.token(account, "Owner", "olga")).get(path).then().statusCode(200);
    }

    @Test
    void unknownImportIs404AndBadBodyIs400() {
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/nope")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{not json")
                .post("/api/v1/accounts/" + account + "/imports")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Inject
    com.brighthub.bulkimport.importapi.messaging.LinkListener linkListener;

    @Test
    void linksFromSyncWorkerAreKeptAndAnImportSkipsThoseClients() {
        linkListener.onLinks(PolledBatch.of(Topics.CLIENT_LINKS,
                account + ":BM-1", Json.write(new com.brighthub.bulkimport.model.events.ClientLink(account, "BM-1", "BC-1",
                        Instant.now(), "IMP-0")),
                account + ":BM-1", Json.write(new com.brighthub.bulkimport.model.events.ClientLink(account, "BM-1", "BC-1",
                        Instant.now(), "IMP-0"))));
        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1"), client("BM-2")), null, 2L));

        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/preflight")
                .then().statusCode(200).body("alreadyLinked", equalTo(1));
        String importId = startImport();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().body("enumerationComplete", equalTo(true)).body("alreadyLinked", equalTo(1)).body("total", equalTo(2)));
        assertThat(connector.sink("client-records").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ClientRecordEvent.class))
                .filter(e -> e.importId().equals(importId)).map(ClientRecordEvent::clientId)).containsExactly("BM-2");
        assertThat(connector.sink("dead-letters").received()).isEmpty();
    }

    @Test
    void aPoisonLinkMessageIsDeadLettered() {
        linkListener.onLinks(PolledBatch.of(Topics.CLIENT_LINKS, "k", "{oops", "k", "{\"accountId\": \"A\"}"));

        assertThat(connector.sink("dead-letters").received()).hasSize(2);
    }

    @Test
    void aPoisonProgressMessageIsDeadLetteredAndTheRestApplied() {
        when(brightManager.clients(eq(account), any(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1")), null, 1L));
        String importId = startImport();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId).then().body("enumerationComplete", equalTo(true)));

        progressListener.onProgress(PolledBatch.of(Topics.IMPORT_PROGRESS, "k", "{this is not json", "k", "{\"importId\": null}",
                "k", Json.write(new ImportProgress(UUID.randomUUID(), account, importId, Instant.now(), 1, 1, 0, 0, 0,
                        Instant.now(), true))));

        assertThat(connector.sink("dead-letters").received()).hasSize(2);
        given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    List<String> clientRecordsOf(String importId) {
        return connector.sink("client-records").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ClientRecordEvent.class))
                .filter(e -> importId.equals(e.importId())).map(ClientRecordEvent::clientId).toList();
    }

    @Test
    void aWorkerThatLostItsLeaseSendsNothingMoreAndTheNextHolderResumesFromTheLastCommittedPage() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger secondPageCalls = new java.util.concurrent.atomic.AtomicInteger();
        when(brightManager.clients(eq(account), isNull(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1"), client("BM-2")), "2", 4L));
        when(brightManager.clients(eq(account), eq("2"), anyInt())).thenAnswer(call -> {
            if (secondPageCalls.incrementAndGet() == 1) {
                asked.countDown();
                answer.await(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            return new BrightManagerPort.ClientPage(List.of(client("BM-3"), client("BM-4")), null, null);
        });
        String importId = startImport();
        assertThat(asked.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // while BrightManager keeps the worker waiting, another instance claims the import (a new epoch),
        // then dies: its lease runs out a second later
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            com.brighthub.bulkimport.importapi.persistence.ImportRun run =
                    com.brighthub.bulkimport.importapi.persistence.ImportRun.findById(importId);
            run.leaseEpoch++;
            run.leaseOwner = "another-instance";
            run.leaseUntil = Instant.now().plusSeconds(1);
        });
        answer.countDown();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().body("enumerationComplete", equalTo(true)).body("total", equalTo(4)));
        assertThat(secondPageCalls).as("the page the lost worker read is read again by the next holder").hasValue(2);
        assertThat(clientRecordsOf(importId)).as("the lost worker sent nothing: each client once")
                .containsExactly("BM-1", "BM-2", "BM-3", "BM-4");
    }

    @Test
    void aWorkerInterruptedByBrightManagerReleasesItsLeaseAndTheImportResumesFromItsLastPage() {
        when(brightManager.clients(eq(account), isNull(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1")), "2", 2L));
        when(brightManager.clients(eq(account), eq("2"), anyInt()))
                .thenThrow(new IllegalStateException("connection reset"))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-2")), null, null));

        String importId = startImport();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/" + importId)
                .then().body("enumerationComplete", equalTo(true)).body("total", equalTo(2)).body("status", equalTo("RUNNING")));
        org.mockito.Mockito.verify(brightManager, org.mockito.Mockito.times(1)).clients(eq(account), isNull(), anyInt());
        assertThat(clientRecordsOf(importId)).containsExactly("BM-1", "BM-2");
    }

    @Test
    void aLongPreflightAnswersItsProgressAtOnceThenItsResultAndIsReused() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        when(brightManager.clients(eq(account), isNull(), anyInt()))
                .thenReturn(new BrightManagerPort.ClientPage(List.of(client("BM-1"), client("BM-2")), "2", 3L));
        when(brightManager.clients(eq(account), eq("2"), anyInt())).thenAnswer(call -> {
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return new BrightManagerPort.ClientPage(List.of(client("BM-3")), null, null);
        });
        String preflight = "/api/v1/accounts/" + account + "/imports/preflight";

        given().auth().oauth2(admin()).get(preflight).then().statusCode(202)
                .body("status", equalTo("RUNNING")).body("clientsChecked", equalTo(2));
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin()).get(preflight)
                .then().statusCode(200).body("clients", equalTo(3)).body("wouldImport", equalTo(3)));
        given().auth().oauth2(admin()).get(preflight).then().statusCode(200).body("clients", equalTo(3));
        org.mockito.Mockito.verify(brightManager, org.mockito.Mockito.times(1)).clients(eq(account), isNull(), anyInt());
    }

    @Test
    void preflightsAreBoundedPerInstanceAndBrightManagerUnavailableIs503() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> busy = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String other = "ACC-BUSY-" + UUID.randomUUID();
            busy.add(other);
            when(brightManager.account(other)).thenReturn(Optional.of(new BrightManagerPort.Account(other, "P", true)));
            when(brightManager.clients(eq(other), any(), anyInt())).thenAnswer(call -> {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                return new BrightManagerPort.ClientPage(List.of(), null, 0L);
            });
        }
        try {
            for (String other : busy) {
                given().auth().oauth2(DevTokens.token(other, "Admin", "alice"))
                        .get("/api/v1/accounts/" + other + "/imports/preflight").then().statusCode(202);
            }
            given().auth().oauth2(admin()).get("/api/v1/accounts/" + account + "/imports/preflight").then()
                    .statusCode(503).body("code", equalTo("PREFLIGHT_BUSY"));
        } finally {
            release.countDown();
        }

        when(brightManager.clients(eq(account), any(), anyInt())).thenThrow(
                new com.brighthub.bulkimport.importapi.brightmanager.BrightManagerUnavailableException("down", null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin())
                .get("/api/v1/accounts/" + account + "/imports/preflight").then().statusCode(503)
                .body("code", equalTo("BRIGHTMANAGER_UNAVAILABLE")));
    }
}
