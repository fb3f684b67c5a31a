package com.brighthub.bulkimport.sandbox.faults;

/**
 * Fault switches for the BrightClient stand-in: added latency, a share of requests answered with an
 * error status instead of being served, and a share throttled with 429 (both may apply at once).
 */
public record FaultSettings(long latencyMs, double errorRate, int status, double throttleRate) {

    /** No faults: every request is served at once. */
    public static final FaultSettings NONE = new FaultSettings(0, 0.0, 503, 0.0);

    public FaultSettings {
        if (latencyMs < 0 || latencyMs > 120_000) {
            throw new IllegalArgumentException("latencyMs must be between 0 and 120000");
        }
        if (errorRate < 0.0 || errorRate > 1.0 || throttleRate < 0.0 || errorRate + throttleRate > 1.0) {
            throw new IllegalArgumentException("errorRate and throttleRate must be between 0.0 and 1.0, together too");
        }
        if (status == 0) {
            status = 503;
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599)");
        }
    }
}
