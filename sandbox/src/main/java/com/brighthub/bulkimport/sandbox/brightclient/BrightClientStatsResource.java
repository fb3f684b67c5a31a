package com.brighthub.bulkimport.sandbox.brightclient;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test views of the stand-ins: BrightClient's record and duplicate counts, so tests check "each client
 * exactly once" at any scale, the records held for one BrightManager client, and BrightManager's
 * listing calls.
 */
@Path("/sandbox/accounts/{accountId}")
public class BrightClientStatsResource {

    @Inject
    BrightClientStore store;

    @Inject
    com.brighthub.bulkimport.sandbox.brightmanager.ListingCalls listingCalls;

    /** BrightManager's client-listing calls for the account, and the most that were in flight at once. */
    @GET
    @Path("/brightmanager-stats")
    public com.brighthub.bulkimport.sandbox.brightmanager.ListingCalls.Stats brightManagerStats(
            @PathParam("accountId") String accountId) {
        return listingCalls.stats(accountId);
    }

    @GET
    @Path("/brightclient-stats")
    public BrightClientStore.Stats stats(@PathParam("accountId") String accountId) {
        return store.stats(accountId);
    }

    @GET
    @Path("/brightclient-records/{brightManagerId}")
    @Produces(MediaType.APPLICATION_JSON)
    public String records(@PathParam("accountId") String accountId,
            @PathParam("brightManagerId") String brightManagerId) {
        return "[" + String.join(",", store.byBrightManagerId(accountId, brightManagerId)) + "]";
    }
}
