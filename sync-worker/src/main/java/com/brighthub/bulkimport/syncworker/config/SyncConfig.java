package com.brighthub.bulkimport.syncworker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How sync-worker talks to BrightClient.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Calls to BrightClient in flight at once per instance: hides BrightClient's latency. */
    @WithDefault("128")
    int concurrency();

    /** Where BrightClient is. */
    BrightClient brightClient();

    interface BrightClient {

        /** BrightClient's base URL. */
        String url();

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** How long a call may go without a byte of answer before it counts as failed (and is retried). */
        @WithDefault("PT10S")
        Duration readTimeout();
    }

    /** The longest wait between attempts while BrightClient is unavailable. */
    @WithDefault("PT30S")
    Duration maxBackoff();

    /** How often the status of the imports being synchronised is read again (cancels are seen within it). */
    @WithDefault("PT0.25S")
    Duration importStatusRefresh();

    /** Where import-api publishes each import's status. */
    @WithDefault("import_api.import_status")
    String importStatusView();

    /** How a practice BrightClient throttles (429, per organisation) is kept from holding up the others. */
    Throttled throttled();

    /**
     * A practice's records wait out BrightClient's {@code Retry-After} for it alone. Throttled for longer
     * than {@link #deferAfter()} without a break, its records leave the bulk lanes (imports and saves) for
     * the deferred lane ({@code bulkimport.sync-deferred}), which waits for the practice while the bulk
     * lanes carry on with everyone else's.
     */
    interface Throttled {

        /** A throttled spell this long, without a break, defers the practice's records. */
        @WithDefault("PT2S")
        Duration deferAfter();

        /** A time without a 429 that ends a practice's throttled spell. */
        @WithDefault("PT10S")
        Duration calm();

        /**
         * How long a deferred record waits for its practice in one pass before it is deferred again: the
         * deferred lane's batch ends and commits, and a restart resumes from there.
         */
        @WithDefault("PT30S")
        Duration deferredWait();
    }

    /** When one record that BrightClient keeps failing, while it serves others, is given up. */
    UnavailableRecord unavailableRecord();

    /**
     * The bound on one record: it becomes a {@code BRIGHTCLIENT_UNAVAILABLE} failure only once both are
     * spent and BrightClient answered some other call since the record first failed (a general outage
     * never fails a record). Each attempt is itself one call with fault tolerance's quick retries.
     */
    interface UnavailableRecord {

        /** Attempts (5xx or timeouts, after the adapter's own retries) before the record may be given up. */
        @WithDefault("8")
        int attempts();

        /** How long since its first failure before the record may be given up. */
        @WithDefault("PT2M")
        Duration after();
    }
}
