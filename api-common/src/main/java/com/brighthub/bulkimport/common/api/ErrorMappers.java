package com.brighthub.bulkimport.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception a request can raise to the JSON error shape, for every API (the BrightHub APIs and
 * the sandbox): 4xx with a code of {@link ApiError} for the caller's mistakes, and a bare 500 without
 * internals for our own. Authentication's own exceptions are mapped beside the token check (api-access).
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ErrorBody.of(e.status(), e.error(), e.getMessage(), e.extra());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ApiError.MALFORMED_REQUEST.response();
    }

    /** More specific than the JSON mapper above, so it wins over Quarkus's own body-less mapper. */
    @ServerExceptionMapper
    public Response shape(MismatchedInputException e) {
        return ApiError.MALFORMED_REQUEST.response();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ApiError.NOT_FOUND.response();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ApiError.METHOD_NOT_ALLOWED.response();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return ApiError.UNSUPPORTED_MEDIA_TYPE.response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("request failed", e);
            return ErrorBody.of(status, ApiError.INTERNAL_ERROR, ApiError.INTERNAL_ERROR.message(), Map.of());
        }
        return status == 400 ? ApiError.MALFORMED_REQUEST.response("The request is malformed")
                : ErrorBody.of(status, ApiError.REQUEST_REJECTED, ApiError.REQUEST_REJECTED.message(), Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("unexpected error serving a request", e);
        return ApiError.INTERNAL_ERROR.response();
    }
}
