package com.brighthub.bulkimport.syncworker.brightclient;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The BrightClient HTTP API as contracts.md fixes it (base URL: {@code quarkus.rest-client.brightclient.url}).
 */
@RegisterRestClient(configKey = "brightclient")
@Path("/brightclient/accounts/{accountId}/clients")
public interface BrightClientApi {

    @POST
    Response create(@PathParam("accountId") String accountId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            BrightClientRecord record);

    @PUT
    @Path("/{id}")
    Response update(@PathParam("accountId") String accountId, @PathParam("id") String id, BrightClientRecord record);
}
