package com.brighthub.bulkimport.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Gives the sandbox's APIs the same {@code {"code","message"}} error shape as the real ones.
 */
public class SandboxErrors {

    /** A JSON error response. */
    public static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code, "message", message)).build();
    }

    /** A 404 for a missing account or client. */
    public static WebApplicationException notFound(String what) {
        return new WebApplicationException(error(404, "NOT_FOUND", what + " was not found"));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(400, "MALFORMED_REQUEST", "The request body is not valid JSON of the expected shape");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response r = e.getResponse();
        if (r != null && r.hasEntity()) {
            return r;
        }
        int status = r == null ? 500 : r.getStatus();
        return switch (status) {
            case 400 -> error(400, "MALFORMED_REQUEST", "The request is malformed");
            case 404 -> error(404, "NOT_FOUND", "No such resource");
            default -> error(status, "REQUEST_REJECTED", "The request was rejected");
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("sandbox request failed", e);
        return error(500, "INTERNAL_ERROR", "The sandbox failed to serve this request");
    }
}
