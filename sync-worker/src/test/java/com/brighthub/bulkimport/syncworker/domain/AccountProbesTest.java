package com.brighthub.bulkimport.syncworker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientRecord;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AccountProbesTest {

    static final BrightClientRecord RECORD = new BrightClientRecord("BM-1", "REF", "Acme", "PARTNERSHIP", null, null,
            null, List.of(), List.of());
    static final Duration STANDS = Duration.ofSeconds(2);

    /** A BrightClient whose creates answer as told, one answer per call, remembering each call's key. */
    static class Stub implements BrightClientPort {
        final List<String> keys = new ArrayList<>();
        final List<CompletableFuture<Answer>> answers = new ArrayList<>();

        @Override
        public CompletionStage<Answer> create(String accountId, String idempotencyKey, BrightClientRecord record) {
            keys.add(accountId + "/" + idempotencyKey);
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @Override
        public CompletionStage<Answer> update(String accountId, String brightClientId, BrightClientRecord record) {
            throw new UnsupportedOperationException();
        }
    }

    final AccountProbes probes = new AccountProbes();
    final Stub brightClient = new Stub();

    @Test
    void anAccountWithNothingAcceptedIsNeverProbedAndNotServed() {
        assertThat(probes.served("ACC", brightClient, 0, STANDS, 0)).isCompletedWithValue(false);
        assertThat(brightClient.keys).isEmpty();
    }

    @Test
    void theProbeRepeatsTheAccountsLastAcceptedCreateAndAnyAnswerMeansServed() {
        probes.accepted("ACC", "ACC:BM-1:0", RECORD);
        probes.accepted("ACC", "ACC:BM-2:0", RECORD);

        CompletableFuture<Boolean> served = probes.served("ACC", brightClient, 0, STANDS, 0);
        assertThat(served).isNotDone();
        brightClient.answers.get(0).complete(BrightClientPort.Answer.rejected(409, "already there"));

        assertThat(served).isCompletedWithValue(true);
        assertThat(brightClient.keys).containsExactly("ACC/ACC:BM-2:0");
    }

    @Test
    void oneProbeAnswersEveryRecordThatAsksWhileItStandsThenItIsAskedAgain() {
        probes.accepted("ACC", "ACC:BM-1:0", RECORD);
        long second = 1_000_000_000L;

        CompletableFuture<Boolean> first = probes.served("ACC", brightClient, 0, STANDS, 0);
        CompletableFuture<Boolean> whileInFlight = probes.served("ACC", brightClient, 3 * second, STANDS, 0);
        brightClient.answers.get(0).completeExceptionally(new BrightClientUnavailableException("503", null, null));
        CompletableFuture<Boolean> whileItStands = probes.served("ACC", brightClient, second, STANDS, 0);

        assertThat(first).isCompletedWithValue(false);
        assertThat(whileInFlight).isSameAs(first);
        assertThat(whileItStands).isSameAs(first);
        assertThat(brightClient.keys).hasSize(1);

        CompletableFuture<Boolean> later = probes.served("ACC", brightClient, 2 * second, STANDS, 0);
        brightClient.answers.get(1).complete(BrightClientPort.Answer.accepted("BC-1"));
        assertThat(later).isCompletedWithValue(true);
        assertThat(brightClient.keys).hasSize(2);
    }

    @Test
    void aProbeThatCannotBeSentIsNotServed() {
        probes.accepted("ACC", "ACC:BM-1:0", RECORD);
        BrightClientPort broken = new Stub() {
            @Override
            public CompletionStage<Answer> create(String accountId, String idempotencyKey, BrightClientRecord record) {
                throw new IllegalStateException("closed");
            }
        };

        assertThat(probes.served("ACC", broken, 0, STANDS, 0)).isCompletedWithValue(false);
    }

    @Test
    void anAnswerFromAProbeAskedBeforeARecordFailedIsNotReusedForIt() {
        probes.accepted("ACC", "ACC:BM-1:0", RECORD);
        long second = 1_000_000_000L;

        CompletableFuture<Boolean> before = probes.served("ACC", brightClient, 0, STANDS, 0);
        brightClient.answers.get(0).complete(BrightClientPort.Answer.accepted("BC-1"));
        // a record failed at 1 s, while the answer of 0 s still stands: only a probe asked since counts
        CompletableFuture<Boolean> since = probes.served("ACC", brightClient, second, STANDS, second);
        CompletableFuture<Boolean> sinceAgain = probes.served("ACC", brightClient, second, STANDS, second);

        assertThat(before).isCompletedWithValue(true);
        assertThat(since).isNotSameAs(before).isNotDone();
        assertThat(sinceAgain).isSameAs(since);
        brightClient.answers.get(1).completeExceptionally(new BrightClientUnavailableException("503", null, null));
        assertThat(since).isCompletedWithValue(false);
        assertThat(brightClient.keys).hasSize(2);
    }
}
