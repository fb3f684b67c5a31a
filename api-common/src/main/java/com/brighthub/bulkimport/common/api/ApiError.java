package com.brighthub.bulkimport.common.api;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Every error code the HTTP APIs answer with, in the body {@code {"code", "message", ...}}, with its HTTP
 * status: the public BrightHub APIs (import-api, report-service) and the sandbox's stand-ins for BrightManager
 * and BrightClient. A code is a stable contract: callers branch on it, people read the message.
 */
public enum ApiError {

    // any API: the request itself
    MALFORMED_REQUEST(400, "The request body is not valid JSON of the expected shape"),
    INVALID_ID(400, "A path id must be 1-100 letters, digits or . _ : -"),
    INVALID_PARAMETER(400, "A query parameter is malformed or out of range"),
    UNAUTHENTICATED(401, "A valid BrightHub bearer token is required"),
    FORBIDDEN(403, "You do not have access to this resource"),
    NOT_FOUND(404, "No such resource"),
    METHOD_NOT_ALLOWED(405, "That method is not allowed here"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Send the request body as application/json"),
    /** Any other refusal by the HTTP layer; answered with the refusal's own 4xx status. */
    REQUEST_REJECTED(400, "The request was rejected"),
    /** Our own failure: never with internals. */
    INTERNAL_ERROR(500, "Something went wrong on our side; please try again"),

    // the bulk import (import-api)
    CONFIRMATION_REQUIRED(400, "Confirm that the import cannot be undone"),
    ACCOUNT_NOT_FOUND(404, "No such account in BrightManager"),
    BRIGHTCLIENT_NOT_ENABLED(409, "BrightClient is not enabled for this account"),
    IMPORT_ALREADY_RUNNING(409, "An import is already running for this account"),
    IMPORT_NOT_RUNNING(409, "This import is not running"),
    BRIGHTMANAGER_UNAVAILABLE(503, "BrightManager cannot be reached just now; please try again"),
    PREFLIGHT_BUSY(503, "Too many pre-flights are running just now; please try again"),
    PREFLIGHT_FAILED(503, "The pre-flight could not finish; please try again"),

    // the sandbox's BrightManager and BrightClient
    INVALID_CURSOR(400, "cursor must be a value from nextCursor"),
    INVALID_LIMIT(400, "limit is out of range"),
    INVALID_COUNT(400, "count is out of range"),
    INVALID_DEFECT_SCALE(400, "defectScale is out of range"),
    IDEMPOTENCY_KEY_REQUIRED(400, "Send an Idempotency-Key header"),
    BRIGHT_MANAGER_ID_REQUIRED(422, "brightManagerId is required"),
    NAME_REQUIRED(422, "name is required"),
    INVALID_VAT_NUMBER(422, "vatNumber is not a UK VAT number"),
    /** A fault switched on in the sandbox; answered with the fault's status. */
    INJECTED_FAULT(503, "Injected fault");

    private final int status;
    private final String message;

    ApiError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The HTTP status this code is answered with (unless noted above). */
    public int status() {
        return status;
    }

    /** The message when nothing more particular can be said. */
    public String message() {
        return message;
    }

    /** The JSON error response with the code's own message. */
    public Response response() {
        return ErrorBody.of(status, this, message, Map.of());
    }

    /** The JSON error response. */
    public Response response(String message) {
        return ErrorBody.of(status, this, message, Map.of());
    }

    /** The exception a resource or service throws to answer with this code. */
    public ApiException exception(String message) {
        return new ApiException(this, message);
    }
}
