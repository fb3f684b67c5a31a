package com.brighthub.bulkimport.common.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the one error shape every API answers with: {@code {"code", "message", ...}}, the code from
 * {@link ApiError}.
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    /** The body alone, for a handler that writes it itself. */
    public static Map<String, Object> body(ApiError code, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", message);
        body.putAll(extra);
        return body;
    }

    /** A JSON error response with extra fields, with a status other than the code's own where it says so. */
    public static Response of(int status, ApiError code, String message, Map<String, Object> extra) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, message, extra)).build();
    }
}
