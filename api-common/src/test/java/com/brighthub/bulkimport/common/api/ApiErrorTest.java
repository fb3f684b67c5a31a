package com.brighthub.bulkimport.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void everyCodeIsAnErrorStatusWithAMessage() {
        for (ApiError error : ApiError.values()) {
            assertTrue(error.status() >= 400 && error.status() < 600, error.name());
            assertFalse(error.message().isBlank(), error.name());
        }
    }

    @Test
    void anErrorIsAnsweredWithItsStatusCodeAndMessage() {
        Response response = ApiError.IMPORT_ALREADY_RUNNING.response("An import is already running: imp-1");
        assertEquals(409, response.getStatus());
        assertEquals(Map.of("code", "IMPORT_ALREADY_RUNNING", "message", "An import is already running: imp-1"),
                response.getEntity());
    }

    @Test
    void theBodyKeepsCodeAndMessageFirstThenTheExtraFields() {
        Map<String, Object> body = ErrorBody.body(ApiError.IMPORT_ALREADY_RUNNING, "running",
                Map.of("importId", "imp-1"));
        assertEquals(List.of("code", "message", "importId"), List.copyOf(body.keySet()));
    }

    @Test
    void anExceptionTakesItsStatusFromTheCatalogue() {
        ApiException e = ApiError.PREFLIGHT_BUSY.exception("busy");
        assertEquals(503, e.status());
        assertEquals("PREFLIGHT_BUSY", e.code());
        assertEquals("busy", e.getMessage());
        assertEquals(404, ApiException.notFound("Import x").status());
    }
}
