package com.brighthub.bulkimport.syncworker.brightclient;

import java.util.concurrent.CompletionStage;

/**
 * What sync-worker needs from BrightClient. Transient trouble (connection failures, timeouts, 429, 5xx)
 * surfaces as {@link BrightClientUnavailableException} (or fault tolerance's {@code TimeoutException}) once
 * the call policy's retries are spent, or as {@code CircuitBreakerOpenException} when the breaker refused
 * the call without making it; a 4xx is an answer.
 */
public interface BrightClientPort {

    /** BrightClient's answer: accepted with the record's id, or rejected with its message. */
    record Answer(boolean accepted, String id, int status, String message) {

        public static Answer accepted(String id) {
            return new Answer(true, id, 200, null);
        }

        public static Answer rejected(int status, String message) {
            return new Answer(false, null, status, message);
        }
    }

    /**
     * Creates the record, or returns the one created earlier with the same idempotency key. The stage
     * fails with {@link BrightClientUnavailableException} (or fault tolerance's exceptions) when
     * BrightClient could not answer.
     */
    CompletionStage<Answer> create(String accountId, String idempotencyKey, BrightClientRecord record);

    /** Updates a linked record; fails as {@link #create} does. */
    CompletionStage<Answer> update(String accountId, String brightClientId, BrightClientRecord record);

    /**
     * The same calls, timed and retried alike, that the circuit breaker never refuses nor counts: for the
     * few calls that must be heard while the breaker is open – a probe of whether BrightClient serves an
     * account, and the last attempt of a record before it is given up – because one record's own failures
     * can be what holds the breaker open. Without a breaker, the port itself.
     */
    default BrightClientPort aroundBreaker() {
        return this;
    }
}
