package com.brighthub.bulkimport.importapi.rest;

import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.domain.ImportService;
import com.brighthub.bulkimport.importapi.domain.ImportStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Bright Support's view across practice accounts: the imports that need a look, stalled first when
 * asked. Support only (the account-access filter decides).
 */
@Path("/api/v1/support/imports")
@Produces(MediaType.APPLICATION_JSON)
public class SupportResource {

    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    ImportService imports;

    @Inject
    ImportConfig config;

    @GET
    @Operation(summary = "Imports across all accounts, newest first (Support only)",
            description = "Filter by status (RUNNING, COMPLETED, FAILED, CANCELLED) and stalled (true: running"
                    + " without progress for the configured time, not queued). Paged: page from 0, size up to 1000.")
    @APIResponse(responseCode = "200", description = "The imports, each with its account, status, stalled, percent"
            + " and last progress time")
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: not Bright Support")
    public List<ImportView> list(@QueryParam("status") String status, @QueryParam("stalled") String stalled,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        ImportStatus wanted = status == null || status.isBlank() ? null : parseStatus(status);
        Boolean stalledOnly = stalled == null || stalled.isBlank() ? null : parseBoolean("stalled", stalled);
        int p = parseInt("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parseInt("size", size, 50, 1, MAX_PAGE_SIZE);
        Instant now = Instant.now();
        return imports.acrossAccounts(wanted, stalledOnly, now.minus(config.stallAfter()), p, s).stream()
                .map(run -> ImportView.from(run, config.stallAfter(), now)).toList();
    }

    private static ImportStatus parseStatus(String value) {
        try {
            return ImportStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_PARAMETER", "status must be one of "
                    + Arrays.toString(ImportStatus.values()));
        }
    }

    private static boolean parseBoolean(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest("INVALID_PARAMETER", name + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static int parseInt(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("INVALID_PARAMETER", name + " must be a whole number from " + min + " to " + max);
    }
}
