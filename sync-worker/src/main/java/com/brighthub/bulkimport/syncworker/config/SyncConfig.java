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
}
