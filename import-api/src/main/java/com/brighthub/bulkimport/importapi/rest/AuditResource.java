package com.brighthub.bulkimport.importapi.rest;

import com.brighthub.bulkimport.importapi.domain.Audit;
import com.brighthub.bulkimport.importapi.persistence.AuditEntry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import com.brighthub.bulkimport.common.api.QueryParams;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The account's audit trail of import starts, newest first, for its Admins and Owners.
 */
@Path("/api/v1/accounts/{accountId}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** One audit entry as the API shows it. */
    public record AuditView(String userId, String role, String action, String outcome, String importId,
            String message, Instant at) {

        static AuditView of(AuditEntry e) {
            return new AuditView(e.userId, e.role, e.action, e.outcome, e.importId, e.message, e.at);
        }
    }

    @Inject
    Audit audit;

    @GET
    @Operation(summary = "The account's audit trail, newest first",
            description = "Every start, refused start, cancel and Support access. Paged: page from 0, size 1 to 1000"
                    + " (default 100); anything else is 400 INVALID_PARAMETER.")
    public List<AuditView> list(@PathParam("accountId") String accountId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return audit.entries(accountId, QueryParams.page(page), QueryParams.size(size, 100)).stream()
                .map(AuditView::of).toList();
    }
}
