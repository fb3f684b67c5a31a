package com.brighthub.bulkimport.sandbox.faults;

import java.util.List;
import java.util.Set;

/**
 * Fault switches. On BrightClient: added latency, a share of requests answered with an error status
 * instead of being served, a share throttled with 429 (both may apply at once), and BrightManager ids
 * whose every call is answered {@code status} while all others are served. On BrightManager's client
 * listing: added latency and an error status for every page (a slow or refusing BrightManager). And
 * "created, but the answer was lost": a share of creates ({@code lostAnswerRate}) is committed and then
 * answered 503, or – with {@code lostAnswerStallMs} – answered only after that long, past the caller's
 * timeout; the caller's retry must find the record by its idempotency key. And a rate limit of one
 * organisation, as the real BrightClient limits each: past {@code rateLimitPerSecond} calls in a second for
 * {@code rateLimitAccount}, its calls are answered 429 with {@code Retry-After: 1} while every other
 * account's are served.
 */
public record FaultSettings(long latencyMs, double errorRate, int status, double throttleRate,
        List<String> failClientIds, long brightManagerLatencyMs, int brightManagerStatus, double lostAnswerRate,
        long lostAnswerStallMs, String rateLimitAccount, int rateLimitPerSecond) {

    /** No faults: every request is served at once. */
    public static final FaultSettings NONE = new FaultSettings(0, 0.0, 503, 0.0, List.of(), 0, 0, 0.0, 0, null, 0);

    private static final long MAX_LATENCY_MS = 120_000;

    public FaultSettings {
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS || brightManagerLatencyMs < 0
                || brightManagerLatencyMs > MAX_LATENCY_MS || lostAnswerStallMs < 0 || lostAnswerStallMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException(
                    "latencyMs, brightManagerLatencyMs and lostAnswerStallMs must be between 0 and 120000");
        }
        if (lostAnswerRate < 0.0 || lostAnswerRate > 1.0) {
            throw new IllegalArgumentException("lostAnswerRate must be between 0.0 and 1.0");
        }
        if (errorRate < 0.0 || errorRate > 1.0 || throttleRate < 0.0 || errorRate + throttleRate > 1.0) {
            throw new IllegalArgumentException("errorRate and throttleRate must be between 0.0 and 1.0, together too");
        }
        if (status == 0) {
            status = 503;
        }
        if (!isError(status) || (brightManagerStatus != 0 && !isError(brightManagerStatus))) {
            throw new IllegalArgumentException("status and brightManagerStatus must be HTTP error statuses (400-599)");
        }
        failClientIds = failClientIds == null ? List.of() : List.copyOf(Set.copyOf(failClientIds));
        if (rateLimitPerSecond < 0 || (rateLimitAccount == null || rateLimitAccount.isBlank()) != (rateLimitPerSecond == 0)) {
            throw new IllegalArgumentException("rateLimitAccount and rateLimitPerSecond (above 0) go together");
        }
    }

    /** True when BrightClient limits this account's calls per second. */
    public boolean limits(String accountId) {
        return rateLimitPerSecond > 0 && rateLimitAccount.equals(accountId);
    }

    private static boolean isError(int status) {
        return status >= 400 && status <= 599;
    }

    /** True when BrightClient is to fail every call for this BrightManager id. */
    public boolean failsClient(String brightManagerId) {
        return !failClientIds.isEmpty() && failClientIds.contains(brightManagerId);
    }
}
