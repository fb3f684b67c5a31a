package com.brighthub.bulkimport.importapi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How import-api runs imports.
 */
@ConfigMapping(prefix = "bulk-import")
public interface ImportConfig {

    /** Clients read from BrightManager per page (and emitted per acknowledged batch). */
    @WithDefault("1000")
    int pageSize();

    /** An import that made no progress for this long is flagged {@code stalled}. */
    @WithDefault("PT5M")
    Duration stallAfter();

    /** How long an instance holds an import's enumeration before another may take it over. */
    @WithDefault("PT30S")
    Duration lease();

    /** How often an instance looks for imports to enumerate (new ones, or ones whose lease expired). */
    @WithDefault("1s")
    String pollInterval();

    /**
     * How long an import may make no progress at all while BrightManager cannot be reached before it
     * ends FAILED (a refusal, 4xx, ends it at once).
     */
    @WithDefault("PT1H")
    Duration brightManagerGiveUp();

    /**
     * How long a cancel waits, after the import is marked CANCELLED, before it is acknowledged: longer
     * than sync-worker takes to see an import's status ({@code sync.import-status-refresh}) plus a
     * create's time in flight, so no client is sent to BrightClient after the acknowledgement.
     */
    @WithDefault("PT1.5S")
    Duration cancelFence();

    /**
     * The largest client file an import carries, encoded; a larger one becomes a RECORD_UNREADABLE
     * failure. Below Kafka's default 1 MiB per record, with room for a verdict's envelope around it.
     */
    @WithDefault("921600")
    long maxRecordBytes();

    /**
     * The most clients one import has in the pipeline at once: enumerated, without an outcome yet. An import
     * at its bound gives its enumerator up to the others and is taken up again once its clients in flight
     * are below it, so a practice starting a small import behind a large one waits for at most this many of
     * the large one's clients, not its whole backlog.
     */
    @WithDefault("8000")
    long maxInFlight();

    /** How many imports one instance enumerates at once. */
    @WithDefault("4")
    int enumerationConcurrency();

    /** The pre-flight: how it shares this instance and how long an answer is reused. */
    PreflightSettings preflight();

    interface PreflightSettings {

        /** Pre-flights listing BrightManager at once on this instance; more are answered 503 PREFLIGHT_BUSY. */
        @WithDefault("4")
        int concurrency();

        /** How long a finished pre-flight of an account is the answer (then it is run again). */
        @WithDefault("PT1M")
        Duration reuseFor();

        /** How long a request waits for a running pre-flight before it answers 202 with the progress. */
        @WithDefault("PT2S")
        Duration answerWithin();
    }
}
