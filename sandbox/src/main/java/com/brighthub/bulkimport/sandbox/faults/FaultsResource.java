package com.brighthub.bulkimport.sandbox.faults;

import com.brighthub.bulkimport.common.api.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code /sandbox/faults}: switches latency and errors on the BrightClient stand-in.
 */
@Path("/sandbox/faults")
public class FaultsResource {

    @Inject
    Faults faults;

    @GET
    public FaultSettings get() {
        return faults.current();
    }

    @PUT
    public Response set(FaultSettings settings) {
        if (settings == null) {
            return ApiError.MALFORMED_REQUEST.response("Send {\"latencyMs\", \"errorRate\", \"status\"}");
        }
        faults.set(settings);
        return Response.ok(settings).build();
    }
}
