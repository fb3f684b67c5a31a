package com.brighthub.bulkimport.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception a request can raise to the JSON error shape: 4xx with a code for the caller's
 * mistakes, and a bare 500 without internals for our own.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ErrorBody.of(e.status(), e.code(), e.getMessage(), e.extra());
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return ErrorBody.of(401, "UNAUTHENTICATED", "A valid BrightHub bearer token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorBody.of(403, "FORBIDDEN", "You do not have access to this resource");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return malformed();
    }

    /** More specific than the JSON mapper above, so it wins over Quarkus's own body-less mapper. */
    @ServerExceptionMapper
    public Response shape(MismatchedInputException e) {
        return malformed();
    }

    private static Response malformed() {
        return ErrorBody.of(400, "MALFORMED_REQUEST", "The request body is not valid JSON of the expected shape");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ErrorBody.of(404, "NOT_FOUND", "No such resource");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ErrorBody.of(405, "METHOD_NOT_ALLOWED", "That method is not allowed here");
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return ErrorBody.of(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("request failed", e);
            return ErrorBody.of(status, "INTERNAL_ERROR", "Something went wrong on our side; please try again");
        }
        return ErrorBody.of(status, status == 400 ? "MALFORMED_REQUEST" : "REQUEST_REJECTED",
                status == 400 ? "The request is malformed" : "The request was rejected");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("unexpected error serving a request", e);
        return ErrorBody.of(500, "INTERNAL_ERROR", "Something went wrong on our side; please try again");
    }
}
