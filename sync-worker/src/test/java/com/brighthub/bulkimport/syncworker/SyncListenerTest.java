package com.brighthub.bulkimport.syncworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.brighthub.bulkimport.common.messaging.testing.PolledBatch;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ClientLink;
import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.SyncResult;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientThrottledException;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientUnavailableException;
import com.brighthub.bulkimport.syncworker.messaging.SyncListener;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SyncListenerTest {

    @InjectMock
    BrightClientPort brightClient;

    @Inject
    SyncListener listener;

    @Inject
    io.agroal.api.AgroalDataSource db;

    @Inject
    @Any
    InMemoryConnector connector;

    String account;

    @BeforeEach
    void setUp() {
        connector.sink("sync-results").clear();
        connector.sink("client-links").clear();
        connector.sink("dead-letters").clear();
        connector.sink("deferred").clear();
        account = "ACC-" + UUID.randomUUID();
        // no breaker in these tests but where one says so: the calls around it are the same calls
        when(brightClient.aroundBreaker()).thenReturn(brightClient);
    }

    String pass(String importId, Origin origin, String clientId) {
        return pass(importId, origin, clientId, "PARTNERSHIP", Instant.now());
    }

    String pass(String importId, Origin origin, String clientId, String type, Instant recordedAt) {
        return passOf(account, importId, origin, clientId, type, recordedAt);
    }

    static String passOf(String account, String importId, Origin origin, String clientId, String type, Instant recordedAt) {
        Client client = new Client(clientId, "REF", "Name", type, null, null, null, List.of(), List.of());
        return Json.write(new ValidationResult(UUID.randomUUID(), account, importId, clientId, origin, Instant.now(),
                Verdict.PASS, List.of(), client, "REF", "Name", recordedAt));
    }

    List<ValidationResult> deferred() {
        return connector.sink("deferred").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ValidationResult.class)).toList();
    }

    static CompletableFuture<BrightClientPort.Answer> throttled() {
        return CompletableFuture.failedFuture(new BrightClientThrottledException("BrightClient answered 429",
                Duration.ofMillis(100)));
    }

    List<SyncResult> results() {
        return connector.sink("sync-results").received().stream()
                .map(m -> Json.read((String) m.getPayload(), SyncResult.class)).toList();
    }

    void deliver(String... values) {
        String[] kv = new String[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            kv[2 * i] = "k" + i;
            kv[2 * i + 1] = values[i];
        }
        listener.onVerdicts(PolledBatch.of(Topics.VALIDATION_RESULTS, kv));
    }

    static CompletableFuture<BrightClientPort.Answer> accepted(String id) {
        return CompletableFuture.completedFuture(BrightClientPort.Answer.accepted(id));
    }

    static CompletableFuture<BrightClientPort.Answer> rejected(int status, String message) {
        return CompletableFuture.completedFuture(BrightClientPort.Answer.rejected(status, message));
    }

    @Test
    void aValidClientIsCreatedOnceLinkedAndReportedEvenWhenRedelivered() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-1"));
        String record = pass("IMP-1", Origin.IMPORT, "BM-1");

        deliver(record);
        deliver(record);

        verify(brightClient, times(1)).create(eq(account), eq(account + ":BM-1:0"), any());
        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED, SyncOutcome.IMPORTED);
        assertThat(results()).extracting(SyncResult::brightClientId).containsOnly("BC-1");
        ClientLink link = Json.read((String) connector.sink("client-links").received().get(0).getPayload(), ClientLink.class);
        assertThat(link.brightClientId()).isEqualTo("BC-1");
    }

    @Test
    void aLaterImportFindsTheClientAlreadyLinkedAndCallsNothing() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-2"));
        deliver(pass("IMP-1", Origin.IMPORT, "BM-2"));

        deliver(pass("IMP-2", Origin.IMPORT, "BM-2"));

        verify(brightClient, times(1)).create(any(), any(), any());
        assertThat(results()).extracting(SyncResult::outcome)
                .containsExactly(SyncOutcome.IMPORTED, SyncOutcome.ALREADY_LINKED);
    }

    @Test
    void aSaveOnTheSaveLaneUpdatesTheClientAnImportLinked() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-4"));
        when(brightClient.update(eq(account), eq("BC-4"), any())).thenReturn(accepted("BC-4"));
        deliver(pass("IMP-1", Origin.IMPORT, "BM-4"));

        listener.onSaveVerdicts(PolledBatch.of(Topics.SAVE_VERDICTS, "k", pass(null, Origin.SAVE, "BM-4")));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED, SyncOutcome.UPDATED);
        verify(brightClient, times(1)).update(eq(account), eq("BC-4"), any());
    }

    @Test
    void aSaveOfALinkedClientUpdatesIt() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-3"));
        when(brightClient.update(eq(account), eq("BC-3"), any())).thenReturn(accepted("BC-3"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-3"), pass(null, Origin.SAVE, "BM-3"));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED, SyncOutcome.UPDATED);
    }

    @Test
    void anOlderSaveArrivingAfterANewerOneIsNotApplied() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-7"));
        when(brightClient.update(eq(account), eq("BC-7"), any())).thenReturn(accepted("BC-7"));
        Instant t = Instant.parse("2026-11-25T10:00:00Z");

        deliver(pass(null, Origin.SAVE, "BM-7", "TRUST", t.plusSeconds(10)), pass(null, Origin.SAVE, "BM-7", "TRUST", t));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED, SyncOutcome.STALE);
        verify(brightClient, never()).update(any(), any(), any());
    }

    @Test
    void twoSavesOfTheSameInstantBothCountAndARedeliveredSaveIsReportedAgain() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-15"));
        when(brightClient.update(eq(account), eq("BC-15"), any())).thenReturn(accepted("BC-15"));
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        String first = pass(null, Origin.SAVE, "BM-15", "TRUST", t);

        deliver(first, pass(null, Origin.SAVE, "BM-15", "TRUST", t));
        // a crash after the state was stored but before the results were sent: the batch comes again
        deliver(first);

        assertThat(results()).extracting(SyncResult::outcome)
                .containsExactly(SyncOutcome.IMPORTED, SyncOutcome.UPDATED, SyncOutcome.UPDATED);
    }

    @Test
    void aSaveThatChangesTheTypeOfASyncedClientIsReportedNotApplied() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-8"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-8", "TRUST", Instant.now()),
                pass(null, Origin.SAVE, "BM-8", "CHARITY", Instant.now()));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED, SyncOutcome.REJECTED);
        assertThat(results().get(1).reasons().get(0).detail()).contains("client type cannot change");
        verify(brightClient, never()).update(any(), any(), any());
    }

    @Test
    void aRejectionIsAFailureWithBrightClientsMessageAndTheNextTryUsesAFreshKey() {
        when(brightClient.create(eq(account), eq(account + ":BM-4:0"), any()))
                .thenReturn(rejected(422, "vatNumber 'GB12' is not valid"));
        when(brightClient.create(eq(account), eq(account + ":BM-4:1"), any()))
                .thenReturn(accepted("BC-4"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-4"));
        deliver(pass(null, Origin.SAVE, "BM-4"));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.REJECTED, SyncOutcome.IMPORTED);
        assertThat(results().get(0).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.BRIGHTCLIENT_REJECTED);
            assertThat(r.detail()).contains("GB12");
        });
    }

    @Test
    void whileBrightClientIsUnavailableTheWorkWaitsInsteadOfFailing() {
        when(brightClient.create(eq(account), anyString(), any()))
                .thenReturn(CompletableFuture.failedFuture(new BrightClientUnavailableException("503", Duration.ZERO, null)))
                .thenReturn(accepted("BC-5"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-5"));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED);
    }

    @Test
    void aRecordBrightClientKeepsFailingWhileItTakesOthersBecomesAnUnavailableFailure() {
        CompletableFuture<BrightClientPort.Answer> failing =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 500", null, null));
        when(brightClient.create(eq(account), eq(account + ":BM-10:0"), any())).thenReturn(failing);
        when(brightClient.create(eq(account), eq(account + ":BM-11:0"), any())).thenReturn(accepted("BC-11"));

        // BM-10 fails first, then BrightClient takes BM-11: past the bound (3 attempts, 1 s in tests) BrightClient
        // answers a probe (BM-11's create again), BM-10 fails its last attempt, a probe answers again: given up
        deliver(pass("IMP-1", Origin.IMPORT, "BM-10"), pass("IMP-1", Origin.IMPORT, "BM-11"));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-10", SyncOutcome.REJECTED), tuple("BM-11", SyncOutcome.IMPORTED));
        assertThat(results().get(0).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.BRIGHTCLIENT_UNAVAILABLE);
            assertThat(r.detail()).contains("4 attempts").contains("500");
        });
        verify(brightClient, times(4)).create(eq(account), eq(account + ":BM-10:0"), any());
        verify(brightClient, times(3)).create(eq(account), eq(account + ":BM-11:0"), any());

        // a later save tries again, with the same idempotency key (the failed create may have happened)
        when(brightClient.create(eq(account), eq(account + ":BM-10:0"), any())).thenReturn(accepted("BC-10"));
        deliver(pass(null, Origin.SAVE, "BM-10"));
        assertThat(results()).extracting(SyncResult::outcome).last().isEqualTo(SyncOutcome.IMPORTED);
    }

    @Test
    void aRecordWhoseOwnFailuresHoldTheBreakerOpenIsGivenUpAfterALastAttemptAroundIt() {
        CompletableFuture<BrightClientPort.Answer> failing =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 500", null, null));
        // two failures, short of the bound (3 attempts), then the breaker, opened by them alone, refuses its creates
        when(brightClient.create(eq(account), eq(account + ":BM-20:0"), any()))
                .thenReturn(failing, failing).thenReturn(breakerOpen());
        when(brightClient.create(eq(account), eq(account + ":BM-21:0"), any())).thenReturn(accepted("BC-21"));
        BrightClientPort around = mock(BrightClientPort.class);
        when(brightClient.aroundBreaker()).thenReturn(around);
        when(around.create(eq(account), eq(account + ":BM-21:0"), any())).thenReturn(accepted("BC-21"));
        when(around.create(eq(account), eq(account + ":BM-20:0"), any())).thenReturn(failing);

        // delivered aside and awaited: while the probe went through the breaker, this batch was asked again
        // every 2 s for ever (the bound is a guard against hanging, not a speed limit)
        CompletableFuture<Void> delivered = CompletableFuture.runAsync(
                () -> deliver(pass("IMP-1", Origin.IMPORT, "BM-21"), pass("IMP-1", Origin.IMPORT, "BM-20")));
        org.awaitility.Awaitility.await("the batch is decided").atMost(Duration.ofMinutes(1)).until(delivered::isDone);

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-21", SyncOutcome.IMPORTED), tuple("BM-20", SyncOutcome.REJECTED));
        assertThat(results().get(1).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.BRIGHTCLIENT_UNAVAILABLE);
            assertThat(r.detail()).contains("3 attempts").contains("500");
        });
        // the last attempt went around the breaker between two probes (BM-21's accepted create, repeated)
        verify(around, times(1)).create(eq(account), eq(account + ":BM-20:0"), any());
        verify(around, times(2)).create(eq(account), eq(account + ":BM-21:0"), any());
    }

    @Test
    void aRecordWhoseLastFailureCameJustBeforeAnOutageEndedIsImportedNotGivenUp() {
        CompletableFuture<BrightClientPort.Answer> down =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 503", null, null));
        when(brightClient.create(eq(account), eq(account + ":BM-31:0"), any())).thenReturn(accepted("BC-31"));
        // BM-30 spends its bound in an outage; by its probe BrightClient is back, so it is not given up: its
        // last attempt is made, and BrightClient takes it
        when(brightClient.create(eq(account), eq(account + ":BM-30:0"), any()))
                .thenReturn(down, down, down).thenReturn(accepted("BC-30"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-31"), pass("IMP-1", Origin.IMPORT, "BM-30"));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-31", SyncOutcome.IMPORTED), tuple("BM-30", SyncOutcome.IMPORTED));
        verify(brightClient, times(4)).create(eq(account), eq(account + ":BM-30:0"), any());
    }

    @Test
    void aRecordWhoseLastAttemptFailsAsAnOutageBeginsWaitsForItsEnd() {
        CompletableFuture<BrightClientPort.Answer> down =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 503", null, null));
        when(brightClient.create(eq(account), eq(account + ":BM-32:0"), any()))
                .thenReturn(down, down, down).thenReturn(accepted("BC-32"));
        when(brightClient.create(eq(account), eq(account + ":BM-33:0"), any())).thenReturn(accepted("BC-33"));
        BrightClientPort around = mock(BrightClientPort.class);
        when(brightClient.aroundBreaker()).thenReturn(around);
        // the probe answers, BM-32's last attempt fails, and the probe after it fails too: an outage began,
        // which never fails a record, so BM-32 waits and is taken once BrightClient is back
        when(around.create(eq(account), eq(account + ":BM-33:0"), any())).thenReturn(accepted("BC-33"), down);
        when(around.create(eq(account), eq(account + ":BM-32:0"), any())).thenReturn(down);

        deliver(pass("IMP-1", Origin.IMPORT, "BM-33"), pass("IMP-1", Origin.IMPORT, "BM-32"));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-33", SyncOutcome.IMPORTED), tuple("BM-32", SyncOutcome.IMPORTED));
        verify(around, times(1)).create(eq(account), eq(account + ":BM-32:0"), any());
        verify(around, times(2)).create(eq(account), eq(account + ":BM-33:0"), any());
    }

    @Test
    void aRecordTheBreakerRefusesAfterItFailedSucceedsWithItsLastAttemptAroundTheBreaker() {
        CompletableFuture<BrightClientPort.Answer> failing =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 500", null, null));
        when(brightClient.create(eq(account), eq(account + ":BM-22:0"), any())).thenReturn(failing).thenReturn(breakerOpen());
        when(brightClient.create(eq(account), eq(account + ":BM-23:0"), any())).thenReturn(accepted("BC-23"));
        BrightClientPort around = mock(BrightClientPort.class);
        when(brightClient.aroundBreaker()).thenReturn(around);
        when(around.create(eq(account), eq(account + ":BM-23:0"), any())).thenReturn(accepted("BC-23"));
        when(around.create(eq(account), eq(account + ":BM-22:0"), any())).thenReturn(accepted("BC-22"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-23"), pass("IMP-1", Origin.IMPORT, "BM-22"));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-23", SyncOutcome.IMPORTED), tuple("BM-22", SyncOutcome.IMPORTED));
    }

    @Test
    void whileTheBreakerIsOpenForAnOutageARecordThatFailedBeforeWaitsInsteadOfFailing() {
        CompletableFuture<BrightClientPort.Answer> down =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 503", null, null));
        when(brightClient.create(eq(account), eq(account + ":BM-24:0"), any())).thenReturn(accepted("BC-24"));
        when(brightClient.create(eq(account), eq(account + ":BM-25:0"), any()))
                .thenReturn(down).thenReturn(breakerOpen(), breakerOpen(), breakerOpen()).thenReturn(accepted("BC-25"));
        BrightClientPort around = mock(BrightClientPort.class);
        when(brightClient.aroundBreaker()).thenReturn(around);
        // the probe finds BrightClient down too: nothing is given up, the record waits for the breaker to close
        when(around.create(eq(account), anyString(), any())).thenReturn(down);

        deliver(pass("IMP-1", Origin.IMPORT, "BM-24"), pass("IMP-1", Origin.IMPORT, "BM-25"));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-24", SyncOutcome.IMPORTED), tuple("BM-25", SyncOutcome.IMPORTED));
        verify(around, never()).create(eq(account), eq(account + ":BM-25:0"), any());
    }

    @Test
    void aPracticeBrightClientKeepsThrottlingIsDeferredWhileAnotherPracticesRecordsSync() {
        String other = "ACC-" + UUID.randomUUID();
        when(brightClient.create(eq(account), anyString(), any())).thenAnswer(i -> throttled());
        when(brightClient.create(eq(other), anyString(), any())).thenReturn(accepted("BC-OTHER"));

        // throttled without a break for longer than the spell that defers (0.3 s in tests): its records leave
        // the batch for the deferred lane, with no outcome, and the batch ends with the other practice's synced
        deliver(pass("IMP-1", Origin.IMPORT, "BM-40"), passOf(other, "IMP-2", Origin.IMPORT, "BM-41", "PARTNERSHIP",
                Instant.now()), pass("IMP-1", Origin.IMPORT, "BM-42"));

        assertThat(results()).extracting(SyncResult::accountId, SyncResult::clientId, SyncResult::outcome)
                .containsExactly(tuple(other, "BM-41", SyncOutcome.IMPORTED));
        assertThat(deferred()).extracting(ValidationResult::clientId).containsExactlyInAnyOrder("BM-40", "BM-42");
        assertThat(connector.sink("deferred").received()).allSatisfy(m -> assertThat(m.getMetadata(
                io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .isIn(Topics.clientKey(account, "BM-40"), Topics.clientKey(account, "BM-42")));

        // while the spell lasts, a new record of the practice is deferred without a call to BrightClient
        int calls = org.mockito.Mockito.mockingDetails(brightClient).getInvocations().size();
        deliver(pass("IMP-1", Origin.IMPORT, "BM-43"));
        assertThat(deferred()).extracting(ValidationResult::clientId).contains("BM-43");
        assertThat(org.mockito.Mockito.mockingDetails(brightClient).getInvocations()).hasSize(calls);
    }

    @Test
    void aDeferredRecordSyncsOnceBrightClientTakesItsPracticeAgain() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(throttled(), throttled())
                .thenReturn(accepted("BC-44"));

        listener.onDeferred(PolledBatch.of(Topics.SYNC_DEFERRED, "k", pass("IMP-1", Origin.IMPORT, "BM-44")));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome)
                .containsExactly(tuple("BM-44", SyncOutcome.IMPORTED));
        assertThat(deferred()).isEmpty();
    }

    @Test
    void aDeferredRecordStillThrottledPastItsWaitIsDeferredAgain() {
        when(brightClient.create(eq(account), anyString(), any())).thenAnswer(i -> throttled());

        // waits for the practice up to 1 s in tests, then leaves this batch too
        listener.onDeferred(PolledBatch.of(Topics.SYNC_DEFERRED, "k", pass("IMP-1", Origin.IMPORT, "BM-45")));

        assertThat(results()).isEmpty();
        assertThat(deferred()).extracting(ValidationResult::clientId).containsExactly("BM-45");
    }

    static CompletableFuture<BrightClientPort.Answer> breakerOpen() {
        return CompletableFuture.failedFuture(
                new org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException("circuit breaker is open"));
    }

    @Test
    void aGeneralOutageNeverFailsARecordHoweverLongItLasts() {
        CompletableFuture<BrightClientPort.Answer> down =
                CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 503", null, null));
        when(brightClient.create(eq(account), anyString(), any()))
                .thenReturn(down, down, down, down, down)
                .thenReturn(accepted("BC-12"));

        // five failures, past the bound's 3 attempts and 1 s, but BrightClient answered nothing else meanwhile
        deliver(pass("IMP-1", Origin.IMPORT, "BM-12"));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED);
        verify(brightClient, times(6)).create(eq(account), anyString(), any());
    }

    @Test
    void nothingOfACancelledImportIsSentToBrightClientWhileSavesStillSync() throws Exception {
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS test_import_status (import_id TEXT, account_id TEXT, status TEXT)");
            st.execute("INSERT INTO test_import_status VALUES ('IMP-C', '" + account + "', 'CANCELLED')");
        }
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-13"));

        deliver(pass("IMP-C", Origin.IMPORT, "BM-13"), pass(null, Origin.SAVE, "BM-14"));

        assertThat(results()).extracting(SyncResult::clientId, SyncResult::outcome).containsExactly(
                tuple("BM-13", SyncOutcome.SKIPPED), tuple("BM-14", SyncOutcome.IMPORTED));
        verify(brightClient, never()).create(eq(account), eq(account + ":BM-13:0"), any());
    }

    @Test
    void anUpdateBrightClientRefusesIsAFailureWithItsMessageAndTheLinkStays() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-16"));
        when(brightClient.update(eq(account), eq("BC-16"), any())).thenReturn(rejected(422, "email is not valid"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-16"), pass(null, Origin.SAVE, "BM-16"));

        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED, SyncOutcome.REJECTED);
        assertThat(results().get(1).brightClientId()).isEqualTo("BC-16");
        assertThat(results().get(1).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.BRIGHTCLIENT_REJECTED);
            assertThat(r.detail()).isEqualTo("email is not valid");
        });
    }

    @Test
    void tenantsWhoseIdsJoinToTheSameTextAreTwoClientsWithTwoIdempotencyKeys() {
        when(brightClient.create(anyString(), anyString(), any())).thenReturn(accepted("BC-A"), accepted("BC-B"));
        String base = account;
        account = base + ":X";
        String first = pass("IMP-1", Origin.IMPORT, "C");
        account = base;
        String second = pass("IMP-2", Origin.IMPORT, "X:C");

        deliver(first, second);

        verify(brightClient).create(eq(base + ":X"), eq(base + "%3AX:C:0"), any());
        verify(brightClient).create(eq(base), eq(base + ":X%3AC:0"), any());
        assertThat(results()).extracting(SyncResult::brightClientId).containsExactly("BC-A", "BC-B");
    }

    @Test
    void aCreateRetriedAfterBrightClientFailedUsesTheSameIdempotencyKey() {
        when(brightClient.create(eq(account), anyString(), any()))
                .thenReturn(CompletableFuture.failedFuture(new BrightClientUnavailableException("503", null, null)))
                .thenReturn(accepted("BC-17"));

        deliver(pass("IMP-1", Origin.IMPORT, "BM-17"));

        // the failed create may have happened: the retry must be able to find it, so it carries the same key
        verify(brightClient, times(2)).create(eq(account), eq(account + ":BM-17:0"), any());
        assertThat(results()).extracting(SyncResult::outcome).containsExactly(SyncOutcome.IMPORTED);
    }

    @Test
    void failedAndExcludedVerdictsAreNotSyncedAndPoisonIsDeadLettered() {
        String failed = pass("IMP-1", Origin.IMPORT, "BM-6").replace("\"PASS\"", "\"FAIL\"");
        String excluded = pass("IMP-1", Origin.IMPORT, "BM-8").replace("\"PASS\"", "\"EXCLUDED\"");
        String passWithoutClient = pass("IMP-1", Origin.IMPORT, "BM-7").replaceAll("\"client\":\\{.*?\\]\\}", "\"client\":null");

        deliver(failed, "][", passWithoutClient, excluded);

        verify(brightClient, never()).create(any(), any(), any());
        assertThat(results()).isEmpty();
        assertThat(connector.sink("dead-letters").received()).hasSize(2);
    }

    @Test
    void verdictsHeadedOtherThanPassAreSkippedUnread() {
        when(brightClient.create(eq(account), anyString(), any())).thenReturn(accepted("BC-9"));

        listener.onVerdicts(PolledBatch.builder()
                .add(Topics.VALIDATION_RESULTS, "k0", "not even JSON", ValidationResult.VERDICT_HEADER, "FAIL")
                .add(Topics.VALIDATION_RESULTS, "k1", "not even JSON", ValidationResult.VERDICT_HEADER, "EXCLUDED")
                .add(Topics.VALIDATION_RESULTS, "k2", pass("IMP-1", Origin.IMPORT, "BM-9"), ValidationResult.VERDICT_HEADER,
                        "PASS")
                .build());

        assertThat(results()).extracting(SyncResult::clientId).containsExactly("BM-9");
        assertThat(connector.sink("dead-letters").received()).isEmpty();
    }
}
