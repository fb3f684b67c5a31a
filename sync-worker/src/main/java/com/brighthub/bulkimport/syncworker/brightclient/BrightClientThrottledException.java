package com.brighthub.bulkimport.syncworker.brightclient;

import java.time.Duration;

/**
 * BrightClient answered 429: it limits the practice's calls (per organisation), which says nothing about
 * the record or BrightClient's health. Never retried at once, never counted by the circuit breaker: the
 * synchroniser waits for the practice alone, for {@link #retryAfter()} when BrightClient said so.
 */
public class BrightClientThrottledException extends BrightClientUnavailableException {

    public BrightClientThrottledException(String message, Duration retryAfter) {
        super(message, retryAfter, true, null);
    }
}
