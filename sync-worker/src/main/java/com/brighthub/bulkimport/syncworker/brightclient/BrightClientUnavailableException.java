package com.brighthub.bulkimport.syncworker.brightclient;

import java.time.Duration;

/**
 * BrightClient could not answer: try again later, no sooner than {@link #retryAfter()} when it said so.
 */
public class BrightClientUnavailableException extends RuntimeException {

    private final Duration retryAfter;
    private final boolean throttled;

    public BrightClientUnavailableException(String message, Duration retryAfter, Throwable cause) {
        this(message, retryAfter, false, cause);
    }

    public BrightClientUnavailableException(String message, Duration retryAfter, boolean throttled, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.throttled = throttled;
    }

    /** True when BrightClient answered 429: it is limiting calls, not failing this record. */
    public boolean throttled() {
        return throttled;
    }

    /** BrightClient's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
