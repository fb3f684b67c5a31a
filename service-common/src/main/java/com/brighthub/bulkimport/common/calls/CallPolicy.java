package com.brighthub.bulkimport.common.calls;

import java.time.Duration;
import java.util.Optional;

/**
 * How calls to one neighbour system are made and retried (README, "What is retried"): each call has a
 * timeout; a call that fails for a transient reason (unreachable, timed out, 429, 5xx) is retried at once
 * a few times with exponential backoff and jitter; an optional circuit breaker stops calling while nearly
 * every call fails. The values are configuration, {@code bright.calls.<neighbour>.*}, defaulted in
 * service-common's {@code META-INF/microprofile-config.properties}.
 */
public interface CallPolicy {

    /** The longest one call may take before it counts as failed. */
    Duration timeout();

    /** Quick retries after a failed call, before the caller sees the failure. */
    int retries();

    /** The wait before the first retry; each later wait doubles, up to {@link #maxDelay}. */
    Duration firstDelay();

    Duration maxDelay();

    /** Up to this much is added to or taken from each wait at random, so callers do not retry in step. */
    Duration jitter();

    /** Stops calling while nearly every call fails, absent for a neighbour without one. */
    Optional<Breaker> breaker();

    interface Breaker {

        /** The calls the failure ratio is measured over. */
        int window();

        /** The share of failed calls in the window that opens the breaker. */
        double failureRatio();

        /** How long the open breaker refuses calls before it lets trial calls through. */
        Duration delay();

        /** Successful trial calls that close it again. */
        int successThreshold();
    }
}
