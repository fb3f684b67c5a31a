package com.brighthub.bulkimport.sandbox.brightclient;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.sandbox.faults.Faults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The BrightClient API of contracts.md: idempotent creates, updates, and the full listing used to prove
 * there are no duplicates. Like the real service it checks what it stores (VAT number format), and the
 * fault switches apply to every call.
 */
@Path("/brightclient/accounts/{accountId}/clients")
public class BrightClientResource {

    private static final Pattern UK_VAT = Pattern.compile("GB\\d{9}(\\d{3})?");

    @Inject
    BrightClientStore store;

    @Inject
    Faults faults;

    /**
     * Served on the event loop: the pipeline's one call per client, so no worker thread waits out the
     * latency switch or the group commit.
     */
    @POST
    public Uni<Response> create(@PathParam("accountId") String accountId,
            @HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body) {
        return faults.applyLater().chain(() -> {
            faults.applyRateLimit(accountId);
            if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
                return Uni.createFrom().item(ApiError.IDEMPOTENCY_KEY_REQUIRED.response(
                        "Send an Idempotency-Key header (1-255 characters)"));
            }
            Response invalid = check(body);
            if (invalid != null) {
                return Uni.createFrom().item(invalid);
            }
            String brightManagerId = body.path("brightManagerId").asText();
            faults.applyToClient(brightManagerId);
            return Uni.createFrom().completionStage(store.create(accountId, idempotencyKey, brightManagerId,
                    Json.write(body))).chain(created -> faults.deliverCreated(Response.status(created.created() ? 201 : 200)
                            .entity(Map.of("id", created.id())).build()));
        });
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("accountId") String accountId, @PathParam("id") String id, JsonNode body) {
        faults.apply();
        faults.applyRateLimit(accountId);
        Response invalid = check(body);
        if (invalid != null) {
            return invalid;
        }
        faults.applyToClient(body.path("brightManagerId").asText());
        if (!store.update(accountId, id, Json.write(body))) {
            throw ApiError.NOT_FOUND.exception("BrightClient record " + id + " was not found");
        }
        // like the real BrightClient, an update may answer without a body
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("accountId") String accountId, @PathParam("id") String id) {
        return Response.ok(store.get(accountId, id)
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("BrightClient record " + id + " was not found")),
                MediaType.APPLICATION_JSON).build();
    }

    @GET
    public Response list(@PathParam("accountId") String accountId) {
        StreamingOutput out = stream -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            store.writeAll(accountId, writer);
            writer.flush();
        };
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    private static Response check(JsonNode body) {
        if (!(body instanceof ObjectNode)) {
            return ApiError.MALFORMED_REQUEST.response("Send a client object");
        }
        if (body.path("brightManagerId").asText("").isBlank()) {
            return ApiError.BRIGHT_MANAGER_ID_REQUIRED.response("brightManagerId is required");
        }
        if (body.path("name").asText("").isBlank()) {
            return ApiError.NAME_REQUIRED.response("name is required");
        }
        JsonNode vat = body.path("vatNumber");
        if (!vat.isMissingNode() && !vat.isNull() && !UK_VAT.matcher(vat.asText().replace(" ", "")).matches()) {
            return ApiError.INVALID_VAT_NUMBER.response("vatNumber '" + vat.asText()
                    + "' is not a valid UK VAT number (GB followed by 9 or 12 digits)");
        }
        return null;
    }
}
