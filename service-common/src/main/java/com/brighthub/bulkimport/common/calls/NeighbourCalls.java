package com.brighthub.bulkimport.common.calls;

import io.smallrye.config.ConfigMapping;

/** The call policy of each neighbour system the services call. */
@ConfigMapping(prefix = "bright.calls")
public interface NeighbourCalls {

    /** BrightManager, which import-api pages through. */
    CallPolicy brightmanager();

    /** BrightClient, which sync-worker writes to. */
    CallPolicy brightclient();
}
