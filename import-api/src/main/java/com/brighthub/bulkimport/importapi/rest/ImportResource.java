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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

    @Inject
    com.brighthub.bulkimport.importapi.domain.AuditedImports audited;

    @Inject
    com.brighthub.bulkimport.importapi.domain.Preflights preflights;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the irreversible bulk import of the account",
            description = "Needs {\"confirmIrreversible\": true}. Admin or Owner of the account only.")
    @APIResponse(responseCode = "202", description = "Started; follow it at the Location")
    @APIResponse(responseCode = "400", description = "CONFIRMATION_REQUIRED, MALFORMED_REQUEST or INVALID_ID",
            content = @Content(schema = @Schema(implementation = ErrorExample.class),
                    examples = @ExampleObject(name = "confirmation", value = "{\"code\": \"CONFIRMATION_REQUIRED\", "
                            + "\"message\": \"A bulk import cannot be undone: send {\\\"confirmIrreversible\\\": true} to start it\"}")))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: not an Admin or Owner of this account")
    @APIResponse(responseCode = "409", description = "BRIGHTCLIENT_NOT_ENABLED, or IMPORT_ALREADY_RUNNING with its importId",
            content = @Content(examples = @ExampleObject(name = "running", value = "{\"code\": \"IMPORT_ALREADY_RUNNING\", "
                    + "\"message\": \"An import is already running for this account\", \"importId\": \"5f0c…\"}")))
    @APIResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE")
    public Response start(@PathParam("accountId") String accountId, StartImportRequest request) {
        ImportRun run = audited.start(caller.get(), accountId, request != null && request.confirmed());
        return Response.accepted(view(run))
                .location(UriBuilder.fromPath("/api/v1/accounts/{a}/imports/{i}").build(accountId, run.id))
                .build();
    }

    @POST
    @Path("/{importId}/cancel")
    @Operation(summary = "Cancel a running import",
            description = "Enumeration stops and no further client is sent to BrightClient once this answers;"
                    + " clients already synced stay linked, the rest count as notProcessed. A new import may start"
                    + " at once. Admin, Owner or Support.")
    @APIResponse(responseCode = "202", description = "Cancelled: the import, with status CANCELLED")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such import in this account")
    @APIResponse(responseCode = "409", description = "IMPORT_NOT_RUNNING: the import has already ended")
    public Response cancel(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        ImportRun run = audited.cancel(caller.get(), accountId, importId);
        return Response.accepted(view(run)).build();
    }

    @GET
    @Path("/preflight")
    @Operation(summary = "What an import would do now: clients, already linked, excluded, and failures by reason",
            description = "Runs in the background (it lists the whole BrightManager account): 200 with the result when"
                    + " it is done within a moment, else 202 with {\"status\": \"RUNNING\", \"clientsChecked\"} – ask"
                    + " again. A finished pre-flight is reused for a minute. 503 PREFLIGHT_BUSY when too many run at"
                    + " once, 503 BRIGHTMANAGER_UNAVAILABLE when BrightManager cannot be reached.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The pre-flight")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "202",
            description = "Still running: {status, clientsChecked, startedAt}")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "503",
            description = "PREFLIGHT_BUSY or BRIGHTMANAGER_UNAVAILABLE")
    public io.smallrye.mutiny.Uni<Response> preflight(@PathParam("accountId") String accountId) {
        com.brighthub.bulkimport.importapi.domain.Preflights.Run run = preflights.of(accountId);
        // a copy: the wait gives up after a moment and cancels what it waits on – never the pre-flight itself
        return io.smallrye.mutiny.Uni.createFrom().completionStage(run.result().copy())
                .map(result -> Response.ok(result).build())
                .ifNoItem().after(config.preflight().answerWithin())
                .recoverWithItem(() -> Response.accepted(java.util.Map.of("status", "RUNNING", "clientsChecked",
                        run.checked(), "startedAt", run.started().toString())).build());
    }

    @GET
    @Operation(summary = "The account's imports, newest first",
            description = "Paged: page from 0, size 1 to 1000 (default 100); anything else is 400 INVALID_PARAMETER.")
    public List<ImportView> list(@PathParam("accountId") String accountId,
            @jakarta.ws.rs.QueryParam("page") String page, @jakarta.ws.rs.QueryParam("size") String size) {
        return imports.list(accountId, com.brighthub.bulkimport.common.api.QueryParams.page(page),
                com.brighthub.bulkimport.common.api.QueryParams.size(size, 100)).stream().map(this::view).toList();
    }

    @GET
    @Path("/{importId}")
    public ImportView get(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        return imports.find(accountId, importId).map(this::view)
                .orElseThrow(() -> ApiException.notFound("Import " + importId));
    }

    private ImportView view(ImportRun run) {
        return ImportView.of(run, imports, config.stallAfter(), Instant.now());
    }
}
