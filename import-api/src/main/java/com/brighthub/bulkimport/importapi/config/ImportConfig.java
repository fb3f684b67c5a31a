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

    /** How many imports one instance enumerates at once. */
    @WithDefault("4")
    int enumerationConcurrency();
}
