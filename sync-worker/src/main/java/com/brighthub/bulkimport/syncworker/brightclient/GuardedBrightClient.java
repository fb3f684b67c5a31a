package com.brighthub.bulkimport.syncworker.brightclient;

import com.brighthub.bulkimport.common.calls.CallGuards;
import com.brighthub.bulkimport.common.calls.NeighbourCalls;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * BrightClient as sync-worker calls it: every call through BrightClient's call policy
 * ({@code bright.calls.brightclient}: a timeout, quick retries with exponential backoff and jitter, and one
 * circuit breaker for creates and updates alike), without blocking a thread. {@link #aroundBreaker} has the
 * same timeout and retries without the breaker.
 */
@ApplicationScoped
public class GuardedBrightClient implements BrightClientPort {

    private static final TypeLiteral<CompletionStage<Answer>> ANSWER = new TypeLiteral<>() {
    };

    private final HttpBrightClient http;
    private final NeighbourCalls calls;
    private Through guarded;
    private Through aroundBreaker;

    @Inject
    GuardedBrightClient(HttpBrightClient http, NeighbourCalls calls) {
        this.http = http;
        this.calls = calls;
    }

    @PostConstruct
    void guard() {
        Class<BrightClientUnavailableException> transientFailure = BrightClientUnavailableException.class;
        // a 429 is BrightClient limiting one practice: neither retried at once nor a failure to the breaker
        Class<BrightClientThrottledException> limiting = BrightClientThrottledException.class;
        guarded = new Through(http, CallGuards.guard("BrightClient", calls.brightclient(), transientFailure, limiting,
                true));
        aroundBreaker = new Through(http, CallGuards.guard("BrightClient around the breaker", calls.brightclient(),
                transientFailure, limiting, false));
    }

    @Override
    public CompletionStage<Answer> create(String accountId, String idempotencyKey, BrightClientRecord record) {
        return guarded.create(accountId, idempotencyKey, record);
    }

    @Override
    public CompletionStage<Answer> update(String accountId, String brightClientId, BrightClientRecord record) {
        return guarded.update(accountId, brightClientId, record);
    }

    @Override
    public BrightClientPort aroundBreaker() {
        return aroundBreaker;
    }

    /** The transport's calls through one guard. */
    private record Through(HttpBrightClient http, Guard guard) implements BrightClientPort {

        @Override
        public CompletionStage<Answer> create(String accountId, String idempotencyKey, BrightClientRecord record) {
            return guard.get(() -> http.create(accountId, idempotencyKey, record), ANSWER);
        }

        @Override
        public CompletionStage<Answer> update(String accountId, String brightClientId, BrightClientRecord record) {
            return guard.get(() -> http.update(accountId, brightClientId, record), ANSWER);
        }
    }
}
