package com.brighthub.bulkimport.sandbox.faults;

import com.brighthub.bulkimport.sandbox.SandboxErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies the current fault settings to a BrightClient request or a BrightManager listing: the sandbox
 * is a test double, so its switches live in memory and reset on restart.
 */
@ApplicationScoped
public class Faults {

    private volatile FaultSettings settings = FaultSettings.NONE;

    public FaultSettings current() {
        return settings;
    }

    public void set(FaultSettings settings) {
        this.settings = settings;
    }

    /** Waits the configured latency, then fails the request if the dice say so. */
    public void apply() {
        FaultSettings s = settings;
        if (s.latencyMs() > 0) {
            try {
                Thread.sleep(s.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        roll(s);
    }

    /**
     * The same for a request served without a thread of its own: the latency is a timer, and a drawn
     * failure fails the returned stage.
     */
    public Uni<Void> applyLater() {
        FaultSettings s = settings;
        Uni<Void> start = Uni.createFrom().voidItem();
        if (s.latencyMs() > 0) {
            start = start.onItem().delayIt().by(Duration.ofMillis(s.latencyMs()));
        }
        return start.invoke(() -> roll(s));
    }

    /**
     * The answer to a create that was made: as it is, or – by the {@code lostAnswerRate} dice – lost, as
     * a 503 or as an answer held back {@code lostAnswerStallMs} (past the caller's timeout).
     */
    public Uni<Response> deliverCreated(Response answer) {
        FaultSettings s = settings;
        if (s.lostAnswerRate() <= 0 || ThreadLocalRandom.current().nextDouble() >= s.lostAnswerRate()) {
            return Uni.createFrom().item(answer);
        }
        if (s.lostAnswerStallMs() > 0) {
            return Uni.createFrom().item(answer).onItem().delayIt().by(Duration.ofMillis(s.lostAnswerStallMs()));
        }
        return Uni.createFrom().item(SandboxErrors.injected(503,
                "Sandbox fault switch: the record was created, and this answer lost"));
    }

    /** The rate-limited account's calls in the current second: {second, count}, swapped whole. */
    private final java.util.concurrent.atomic.AtomicReference<long[]> window =
            new java.util.concurrent.atomic.AtomicReference<>(new long[] {0, 0});

    /**
     * Answers a BrightClient call of the rate-limited account 429 ({@code Retry-After: 1}) once it has made
     * {@code rateLimitPerSecond} calls in the current second; calls of other accounts are never counted.
     */
    public void applyRateLimit(String accountId) {
        FaultSettings s = settings;
        if (!s.limits(accountId)) {
            return;
        }
        long second = System.currentTimeMillis() / 1000;
        long[] now = window.updateAndGet(w -> w[0] == second ? new long[] {second, w[1] + 1} : new long[] {second, 1});
        if (now[1] > s.rateLimitPerSecond()) {
            fail(429);
        }
    }

    /** Fails a BrightClient call for a BrightManager id on the {@code failClientIds} list. */
    public void applyToClient(String brightManagerId) {
        FaultSettings s = settings;
        if (s.failsClient(brightManagerId)) {
            fail(s.status());
        }
    }

    /** Waits BrightManager's configured latency, then answers its configured status, if any. */
    public void applyToBrightManager() {
        FaultSettings s = settings;
        if (s.brightManagerLatencyMs() > 0) {
            try {
                Thread.sleep(s.brightManagerLatencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s.brightManagerStatus() != 0) {
            fail(s.brightManagerStatus());
        }
    }

    private static void roll(FaultSettings s) {
        double dice = ThreadLocalRandom.current().nextDouble();
        if (dice < s.errorRate()) {
            fail(s.status());
        } else if (dice < s.errorRate() + s.throttleRate()) {
            fail(429);
        }
    }

    private static void fail(int status) {
        throw new SandboxErrors.InjectedFault(status);
    }
}
