package com.brighthub.bulkimport.importapi.rest;

import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.common.api.CurrentCaller;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.domain.ImportService;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.List;

/**
 * BrightHub's entry point: start a bulk import of the account and follow its progress. Who may call
 * it is decided once, by the account-access filter.
 */
@Path("/api/v1/accounts/{accountId}/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ImportService imports;

    @Inject
    ImportConfig config;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("accountId") String accountId, StartImportRequest request) {
        ImportRun run = imports.start(caller.get(), accountId, request != null && request.confirmed());
        return Response.accepted(view(run))
                .location(UriBuilder.fromPath("/api/v1/accounts/{a}/imports/{i}").build(accountId, run.id))
                .build();
    }

    @GET
    public List<ImportView> list(@PathParam("accountId") String accountId) {
        return imports.list(accountId).stream().map(this::view).toList();
    }

    @GET
    @Path("/{importId}")
    public ImportView get(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        return imports.find(accountId, importId).map(this::view)
                .orElseThrow(() -> ApiException.notFound("Import " + importId));
    }

    private ImportView view(ImportRun run) {
        return ImportView.from(run, config.stallAfter(), Instant.now());
    }
}
