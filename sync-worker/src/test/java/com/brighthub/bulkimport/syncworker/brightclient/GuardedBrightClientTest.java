package com.brighthub.bulkimport.syncworker.brightclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.brighthub.bulkimport.common.calls.CallPolicy;
import com.brighthub.bulkimport.common.calls.NeighbourCalls;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BrightClient's call policy as {@link GuardedBrightClient} applies it (inside Quarkus, whose fault tolerance
 * builds the guards), over a stubbed transport: what is retried and how often, what the caller sees, and the
 * one circuit breaker that calls around it never meet.
 */
@QuarkusTest
class GuardedBrightClientTest {

    static final BrightClientRecord RECORD = new BrightClientRecord("BM-1", "REF-1", "Acme Ltd", "LIMITED_COMPANY",
            "01234567", null, null, List.of(), List.of());

    HttpBrightClient http;
    GuardedBrightClient client;

    /** Two quick retries; a breaker that opens when 4 calls in a row fail and stays open a minute. */
    static CallPolicy policy() {
        return new CallPolicy() {
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }

            public int retries() {
                return 2;
            }

            public Duration firstDelay() {
                return Duration.ofMillis(10);
            }

            public Duration maxDelay() {
                return Duration.ofMillis(20);
            }

            public Duration jitter() {
                return Duration.ZERO;
            }

            public Optional<Breaker> breaker() {
                return Optional.of(new Breaker() {
                    public int window() {
                        return 4;
                    }

                    public double failureRatio() {
                        return 1.0;
                    }

                    public Duration delay() {
                        return Duration.ofMinutes(1);
                    }

                    public int successThreshold() {
                        return 1;
                    }
                });
            }
        };
    }

    @BeforeEach
    void setUp() {
        http = mock(HttpBrightClient.class);
        client = new GuardedBrightClient(http, new NeighbourCalls() {
            public CallPolicy brightmanager() {
                throw new UnsupportedOperationException();
            }

            public CallPolicy brightclient() {
                return policy();
            }
        });
        client.guard();
    }

    static CompletableFuture<BrightClientPort.Answer> unavailable() {
        return CompletableFuture.failedFuture(new BrightClientUnavailableException("BrightClient answered 503", null, null));
    }

    static BrightClientPort.Answer answer(CompletionStage<BrightClientPort.Answer> call) throws Exception {
        try {
            return call.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aTransientFailureIsRetriedAndTheCallerSeesOnlyTheAnswer() throws Exception {
        when(http.create(anyString(), anyString(), any())).thenReturn(unavailable(), unavailable())
                .thenReturn(CompletableFuture.completedFuture(BrightClientPort.Answer.accepted("BC-1")));

        assertThat(answer(client.create("ACC", "ACC:BM-1:0", RECORD)).id()).isEqualTo("BC-1");
        verify(http, times(3)).create("ACC", "ACC:BM-1:0", RECORD);
    }

    @Test
    void pastItsRetriesTheCallerSeesBrightClientUnavailable() {
        when(http.update(anyString(), anyString(), any())).thenAnswer(i -> unavailable());

        assertThatThrownBy(() -> answer(client.update("ACC", "BC-1", RECORD)))
                .isInstanceOf(BrightClientUnavailableException.class).hasMessageContaining("503");
        verify(http, times(3)).update("ACC", "BC-1", RECORD);
    }

    @Test
    void aRejectionIsAnAnswerAndIsNotRetried() throws Exception {
        when(http.create(anyString(), anyString(), any()))
                .thenReturn(CompletableFuture.completedFuture(BrightClientPort.Answer.rejected(422, "bad postcode")));

        assertThat(answer(client.create("ACC", "ACC:BM-1:0", RECORD)).accepted()).isFalse();
        verify(http, times(1)).create(anyString(), anyString(), any());
    }

    @Test
    void createsAndUpdatesShareOneBreakerThatCallsAroundItNeverMeet() throws Exception {
        when(http.create(anyString(), anyString(), any())).thenAnswer(i -> unavailable());
        when(http.update(anyString(), anyString(), any())).thenAnswer(i -> unavailable());

        // 3 failed creates, then the 4th call of the window, an update, fails too: the breaker opens
        assertThatThrownBy(() -> answer(client.create("ACC", "ACC:BM-1:0", RECORD)))
                .isInstanceOf(BrightClientUnavailableException.class);
        assertThatThrownBy(() -> answer(client.update("ACC", "BC-1", RECORD)))
                .isInstanceOf(CircuitBreakerOpenException.class);
        verify(http, times(1)).update(anyString(), anyString(), any());
        assertThatThrownBy(() -> answer(client.create("ACC", "ACC:BM-2:0", RECORD)))
                .isInstanceOf(CircuitBreakerOpenException.class);
        verify(http, times(3)).create(anyString(), anyString(), any());

        when(http.create(anyString(), anyString(), any()))
                .thenReturn(CompletableFuture.completedFuture(BrightClientPort.Answer.accepted("BC-2")));
        assertThat(answer(client.aroundBreaker().create("ACC", "ACC:BM-2:0", RECORD)).id()).isEqualTo("BC-2");
        assertThatThrownBy(() -> answer(client.create("ACC", "ACC:BM-2:0", RECORD)))
                .as("the breaker stays open: calls around it are not counted")
                .isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void aThrottledCallIsNeitherRetriedNorCountedByTheBreaker() throws Exception {
        when(http.create(anyString(), anyString(), any())).thenAnswer(i -> CompletableFuture.failedFuture(
                new BrightClientThrottledException("BrightClient answered 429", Duration.ofSeconds(1))));

        // more throttled calls than the breaker's window of 4: each reaches BrightClient once, and is seen as it is
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> answer(client.create("ACC", "ACC:BM-1:0", RECORD)))
                    .isInstanceOf(BrightClientThrottledException.class);
        }
        verify(http, times(6)).create(anyString(), anyString(), any());

        when(http.create(anyString(), anyString(), any()))
                .thenReturn(CompletableFuture.completedFuture(BrightClientPort.Answer.accepted("BC-1")));
        assertThat(answer(client.create("ACC", "ACC:BM-1:0", RECORD)).id()).as("the breaker stayed closed")
                .isEqualTo("BC-1");
    }
}
