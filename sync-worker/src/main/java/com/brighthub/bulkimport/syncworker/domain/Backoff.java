package com.brighthub.bulkimport.syncworker.domain;

import java.time.Duration;

/**
 * How long sync-worker waits before asking BrightClient again about one record, and when a record that
 * keeps failing may be given up. Pure: the caller passes the clock.
 */
public final class Backoff {

    /** The first wait after a failure. */
    public static final Duration FIRST = Duration.ofSeconds(1);

    private final Duration max;
    private final int attemptsBound;
    private final Duration timeBound;

    private Duration wait = FIRST;
    private int failures;
    private long firstFailureNanos;
    private long lastFailureNanos;

    /**
     * @param max           the longest wait between attempts
     * @param attemptsBound failures before the record may be given up
     * @param timeBound     time since its first failure before the record may be given up
     */
    public Backoff(Duration max, int attemptsBound, Duration timeBound) {
        this.max = max;
        this.attemptsBound = attemptsBound;
        this.timeBound = timeBound;
    }

    /**
     * The pause before the next attempt: BrightClient's {@code Retry-After} when it asks for longer than
     * the current wait, the wait otherwise. The wait itself doubles after each pause, up to the maximum.
     */
    public Duration pause(Duration retryAfter) {
        Duration pause = retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(max) > 0 ? max : doubled;
        return pause;
    }

    /** Counts one failure at {@code nowNanos}; true once both the attempts and the time are spent. */
    public boolean failedAndSpent(long nowNanos) {
        if (failures++ == 0) {
            firstFailureNanos = nowNanos;
        }
        lastFailureNanos = nowNanos;
        return failures >= attemptsBound && Duration.ofNanos(nowNanos - firstFailureNanos).compareTo(timeBound) >= 0;
    }

    /**
     * True once the record has failed and the time bound is spent, attempts aside: the test for a record the
     * open circuit breaker keeps from making its attempts.
     */
    public boolean timeSpent(long nowNanos) {
        return failures > 0 && Duration.ofNanos(nowNanos - firstFailureNanos).compareTo(timeBound) >= 0;
    }

    /** When the last failure was counted (meaningless before the first). */
    public long lastFailureNanos() {
        return lastFailureNanos;
    }

    /** Failures counted so far. */
    public int failures() {
        return failures;
    }

    /** How long the record has been failing, at {@code nowNanos}. */
    public Duration failingFor(long nowNanos) {
        return failures == 0 ? Duration.ZERO : Duration.ofNanos(nowNanos - firstFailureNanos);
    }
}
