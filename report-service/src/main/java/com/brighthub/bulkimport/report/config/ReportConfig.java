package com.brighthub.bulkimport.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How report-service aggregates and reports.
 */
@ConfigMapping(prefix = "report")
public interface ReportConfig {

    /** An unfinished import with no new outcome for this long is flagged {@code stalled}. */
    @WithDefault("PT5M")
    Duration stallAfter();

    /** The least time between two progress events of one running import. */
    @WithDefault("PT1S")
    Duration progressInterval();

    /** How often completions that a crash left unannounced are looked for. */
    @WithDefault("5s")
    String sweepInterval();
}
