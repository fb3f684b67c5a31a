package com.brighthub.bulkimport.sandbox.brightmanager;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts BrightManager's client-listing calls per account, and the most that were in flight at once: a
 * test can see that two readers overlapped on one account (a fault that really landed).
 */
@ApplicationScoped
public class ListingCalls {

    /** Listing calls of one account: all of them, in flight now, and the most in flight at once. */
    public record Stats(int calls, int inFlight, int maxInFlight) {
    }

    private static final class Counts {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
    }

    private final ConcurrentHashMap<String, Counts> byAccount = new ConcurrentHashMap<>();

    /** Runs one listing call's {@code work}, counted while it runs. */
    public void during(String accountId, Runnable work) {
        Counts c = byAccount.computeIfAbsent(accountId, k -> new Counts());
        c.calls.incrementAndGet();
        c.maxInFlight.accumulateAndGet(c.inFlight.incrementAndGet(), Math::max);
        try {
            work.run();
        } finally {
            c.inFlight.decrementAndGet();
        }
    }

    public Stats stats(String accountId) {
        Counts c = byAccount.get(accountId);
        return c == null ? new Stats(0, 0, 0) : new Stats(c.calls.get(), c.inFlight.get(), c.maxInFlight.get());
    }
}
