package com.brighthub.bulkimport.sandbox.generate;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * {@code /sandbox/accounts/{accountId}/expected}: what an import of the generated clients must report.
 */
@Path("/sandbox/accounts/{accountId}/expected")
public class ExpectedResource {

    @Inject
    GenerateResource generator;

    @GET
    public GenerateResource.Expected expected(@PathParam("accountId") String accountId) {
        return generator.expected(accountId);
    }
}
