package com.brighthub.bulkimport.sandbox.brightmanager;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.sandbox.faults.Faults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The BrightManager API of contracts.md: accounts, client saves (which publish client-saved events)
 * and the paged client listing an import reads.
 */
@Path("/brightmanager/accounts/{accountId}")
public class BrightManagerResource {

    static final int MAX_PAGE = 1000;

    @Inject
    BrightManagerStore store;

    @Inject
    ClientSavedPublisher publisher;

    @Inject
    Faults faults;

    @Inject
    ListingCalls listingCalls;

    @PUT
    public Response putAccount(@PathParam("accountId") String accountId, Account body) {
        if (body == null) {
            return ApiError.MALFORMED_REQUEST.response("Send {\"name\", \"brightClientEnabled\"}");
        }
        String name = body.name() == null || body.name().isBlank() ? accountId : body.name();
        return Response.ok(store.upsertAccount(accountId, name, Boolean.TRUE.equals(body.brightClientEnabled())))
                .build();
    }

    @GET
    public Account getAccount(@PathParam("accountId") String accountId) {
        return store.account(accountId)
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Account " + accountId + " was not found"));
    }

    @PUT
    @Path("/clients/{clientId}")
    public Response saveClient(@PathParam("accountId") String accountId, @PathParam("clientId") String clientId,
            JsonNode body) {
        if (!(body instanceof ObjectNode client)) {
            return ApiError.MALFORMED_REQUEST.response("Send a client object");
        }
        store.account(accountId).orElseThrow(() -> ApiError.NOT_FOUND.exception("Account " + accountId + " was not found"));
        client.put("id", clientId);
        store.save(accountId, clientId, Json.write(client));
        publisher.publish(accountId, clientId, client);
        return Response.ok(client).build();
    }

    @GET
    @Path("/clients/{clientId}")
    public Response getClient(@PathParam("accountId") String accountId, @PathParam("clientId") String clientId) {
        String body = store.client(accountId, clientId)
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Client " + clientId + " was not found"));
        return Response.ok(body, "application/json").build();
    }

    @GET
    @Path("/clients")
    public Response list(@PathParam("accountId") String accountId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        store.account(accountId).orElseThrow(() -> ApiError.NOT_FOUND.exception("Account " + accountId + " was not found"));
        // the listing's faults (latency, a refusal) apply while the call is counted as in flight
        listingCalls.during(accountId, faults::applyToBrightManager);
        long after;
        try {
            after = cursor == null || cursor.isBlank() ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            return ApiError.INVALID_CURSOR.response("cursor must be a value from nextCursor");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return ApiError.INVALID_LIMIT.response("limit must be between 1 and " + MAX_PAGE);
        }
        return Response.ok(store.page(accountId, after, limit), "application/json").build();
    }
}
