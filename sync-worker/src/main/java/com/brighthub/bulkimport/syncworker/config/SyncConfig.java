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
    @WithDefault("32")
    int concurrency();

    /** The longest wait between attempts while BrightClient is unavailable. */
    @WithDefault("PT30S")
    Duration maxBackoff();
}
