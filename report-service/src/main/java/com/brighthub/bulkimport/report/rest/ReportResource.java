package com.brighthub.bulkimport.report.rest;

import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.config.ReportConfig;
import com.brighthub.bulkimport.report.persistence.ReportRow;
import com.brighthub.bulkimport.report.persistence.ReportQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import com.brighthub.bulkimport.common.api.QueryParams;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An import's summary report and its failures, as JSON pages and as a CSV file. Who may read them is
 * decided once, by the account-access filter; every query is scoped by the path's account.
 */
@Path("/api/v1/accounts/{accountId}/imports/{importId}")
public class ReportResource {

    private static final Set<String> STATUSES = Set.of("OPEN", "RESOLVED");

    @Inject
    ReportQueries reports;

    @Inject
    ReportConfig config;

    @GET
    @Path("/report")
    @Produces(MediaType.APPLICATION_JSON)
    public ReportView report(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        ReportRow row = find(accountId, importId);
        return ReportView.of(row, reports.failuresByReason(accountId, importId), config.stallAfter(), Instant.now());
    }

    @GET
    @Path("/failures")
    @Produces(MediaType.APPLICATION_JSON)
    public FailurePage failures(@PathParam("accountId") String accountId, @PathParam("importId") String importId,
            @QueryParam("reason") String reason, @QueryParam("status") String status,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        ReasonCode reasonCode = QueryParams.oneOf("reason", reason, ReasonCode.class);
        String code = reasonCode == null ? null : reasonCode.name();
        String state = QueryParams.oneOf("status", status, STATUSES);
        int page = QueryParams.page(pageParam);
        int size = QueryParams.size(sizeParam, 50);
        find(accountId, importId);
        List<FailurePage.FailureItem> items = new ArrayList<>();
        reports.failures(accountId, importId, code, state, (long) page * size, size,
                r -> items.add(FailurePage.FailureItem.of(r)));
        return new FailurePage(items, page, size, reports.countFailures(accountId, importId, code, state));
    }

    @GET
    @Path("/failures.csv")
    @Produces("text/csv")
    public Response failuresCsv(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        ReportRow row = find(accountId, importId);
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            try (FailureCsv csv = new FailureCsv(writer)) {
                reports.failures(accountId, importId, null, null, 0, Long.MAX_VALUE, csv::write);
            }
            writer.flush();
        };
        String date = (row.startedAt() == null ? Instant.now() : row.startedAt()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String filename = "bulk-import-failures-" + accountId.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + date + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    private ReportRow find(String accountId, String importId) {
        return reports.report(accountId, importId).orElseThrow(() -> ApiException.notFound("Report of import " + importId));
    }
}
