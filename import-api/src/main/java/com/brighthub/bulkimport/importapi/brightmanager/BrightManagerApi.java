package com.brighthub.bulkimport.importapi.brightmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The BrightManager HTTP API as contracts.md fixes it (base URL: {@code quarkus.rest-client.brightmanager.url}).
 */
@RegisterRestClient(configKey = "brightmanager")
@Path("/brightmanager/accounts/{accountId}")
public interface BrightManagerApi {

    /** The account resource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountBody(String accountId, String name, Boolean brightClientEnabled,
            java.time.Instant brightClientEnabledAt) {
    }

    /** The client listing; {@code total} is a sandbox extension, absent elsewhere. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageBody(List<com.fasterxml.jackson.databind.JsonNode> clients, String nextCursor, Long total) {
    }

    @GET
    AccountBody account(@PathParam("accountId") String accountId);

    @GET
    @Path("/clients")
    PageBody clients(@PathParam("accountId") String accountId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") int limit);
}
