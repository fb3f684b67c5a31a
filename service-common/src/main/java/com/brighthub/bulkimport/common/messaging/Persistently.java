package com.brighthub.bulkimport.common.messaging;

import com.brighthub.bulkimport.model.MalformedEventException;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs a batch's work again, with capped backoff, while the infrastructure under it is failing (the
 * database restarting, the broker away): the partition waits instead of the consumer stopping, and the
 * batch is committed only once its work succeeded. Work must be idempotent, as all of ours is. After
 * {@link #GIVE_UP_AFTER} the failure is passed on, so a lasting fault marks the service unhealthy.
 */
public final class Persistently {

    /** How long a batch keeps being retried before the consumer gives up on it. */
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);

    private static volatile boolean stopping;

    private Persistently() {
    }

    /** Stops retrying: the service is shutting down, and its batches are redelivered after the restart. */
    public static void stop() {
        stopping = true;
    }

    /** Runs {@code work} until it succeeds. */
    public static void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} until it succeeds and returns its result. */
    public static <T> T call(String what, Supplier<T> work) {
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        long backoffMs = 250;
        int attempt = 1;
        while (true) {
            try {
                return work.get();
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (stopping || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                Log.warnf("%s failed (attempt %d: %s); retrying in %d ms", what, attempt, rootMessage(e), backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(backoffMs * 2, 10_000);
                attempt++;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
