package com.brighthub.bulkimport.common.api;

import java.util.Map;

/**
 * An answer to a caller's mistake or a refused request: a code of the {@link ApiError} catalogue (which
 * gives the HTTP status), a message, and optional extra fields for the JSON body.
 */
public class ApiException extends RuntimeException {

    private final ApiError code;
    private final Map<String, Object> extra;

    public ApiException(ApiError code, String message) {
        this(code, message, Map.of());
    }

    public ApiException(ApiError code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.code = code;
        this.extra = Map.copyOf(extra);
    }

    public int status() {
        return code.status();
    }

    public String code() {
        return code.name();
    }

    public ApiError error() {
        return code;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    /** 404 for an id that does not exist in the caller's account. */
    public static ApiException notFound(String what) {
        return new ApiException(ApiError.NOT_FOUND, what + " was not found in this account");
    }
}
