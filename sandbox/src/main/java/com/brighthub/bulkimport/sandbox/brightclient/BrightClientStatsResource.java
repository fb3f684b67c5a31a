package com.brighthub.bulkimport.sandbox.brightclient;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * {@code /sandbox/accounts/{accountId}/brightclient-stats}: record and duplicate counts, so tests check
 * "each client exactly once" at any scale without downloading every record.
 */
@Path("/sandbox/accounts/{accountId}/brightclient-stats")
public class BrightClientStatsResource {

    @Inject
    BrightClientStore store;

    @GET
    public BrightClientStore.Stats stats(@PathParam("accountId") String accountId) {
        return store.stats(accountId);
    }
}
