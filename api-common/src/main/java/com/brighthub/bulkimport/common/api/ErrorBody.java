package com.brighthub.bulkimport.common.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the one error shape every API answers with: {@code {"code", "message", ...}}.
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    /** A JSON error response. */
    public static Response of(int status, String code, String message) {
        return of(status, code, message, Map.of());
    }

    /** A JSON error response with extra fields. */
    public static Response of(int status, String code, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.putAll(extra);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
