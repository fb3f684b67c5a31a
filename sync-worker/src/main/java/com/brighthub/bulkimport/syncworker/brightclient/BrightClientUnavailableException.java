package com.brighthub.bulkimport.syncworker.brightclient;

import java.time.Duration;

/**
 * BrightClient could not answer: try again later, no sooner than {@link #retryAfter()} when it said so.
 */
public class BrightClientUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public BrightClientUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** BrightClient's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
