package com.brighthub.bulkimport.sandbox.generate;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * {@code /sandbox/accounts/{accountId}/expected}: what an import of the generated clients must report,
 * from the generator's own record (an oracle the product does not share), and the exact set of valid ids.
 */
@Path("/sandbox/accounts/{accountId}/expected")
public class ExpectedResource {

    @Inject
    GenerateResource generator;

    @Inject
    com.brighthub.bulkimport.sandbox.brightmanager.BrightManagerStore store;

    @GET
    public GenerateResource.Expected expected(@PathParam("accountId") String accountId) {
        return generator.expected(accountId);
    }

    /** The exact set an import must bring into BrightClient: the generator's valid clients, by id. */
    @GET
    @Path("/valid-ids")
    public java.util.List<String> validIds(@PathParam("accountId") String accountId) {
        return store.expectedValidIds(accountId);
    }
}
