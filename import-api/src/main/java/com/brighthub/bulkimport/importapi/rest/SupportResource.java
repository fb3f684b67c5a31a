package com.brighthub.bulkimport.importapi.rest;

import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.domain.ImportService;
import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import com.brighthub.bulkimport.common.api.QueryParams;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
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
        ImportStatus wanted = QueryParams.oneOf("status", status, ImportStatus.class);
        Boolean stalledOnly = QueryParams.bool("stalled", stalled);
        int p = QueryParams.page(page);
        int s = QueryParams.size(size, 50);
        Instant now = Instant.now();
        return imports.acrossAccounts(wanted, stalledOnly, now.minus(config.stallAfter()), p, s).stream()
                .map(run -> ImportView.of(run, imports, config.stallAfter(), now)).toList();
    }
}
