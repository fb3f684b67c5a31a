package com.brighthub.bulkimport.common.api;

import java.util.Map;

/**
 * An answer to a caller's mistake or a refused request: an HTTP status, a stable code, a message,
 * and optional extra fields for the JSON body.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    /** 404 for an id that does not exist in the caller's account. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " was not found in this account");
    }

    /** 400 for input that breaks a stated rule. */
    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }
}
