package com.brighthub.bulkimport.report.ui;

import com.brighthub.bulkimport.common.api.AccountAccess;
import com.brighthub.bulkimport.common.api.CurrentCaller;
import com.brighthub.bulkimport.common.api.QueryParams;
import com.brighthub.bulkimport.common.ui.UiLinks;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.ReportQueries;
import com.brighthub.bulkimport.report.rest.FailurePage;
import com.brighthub.bulkimport.report.rest.ReasonSummary;
import com.brighthub.bulkimport.report.rest.ReportResource;
import com.brighthub.bulkimport.report.rest.ReportView;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The summary report page: the buckets, a chart of failures by reason, and the failures with their fix
 * and a link to each client in BrightManager – filtered, paged, downloadable, and turning RESOLVED by
 * themselves as fixes sync. Who may open it is decided by the account-access filter; every query is
 * scoped by the path's account, so another practice's import is simply not found.
 */
@Path("/ui/accounts/{accountId}/imports/{importId}")
@Produces(MediaType.TEXT_HTML)
public class ReportPage {

    /** Failure rows per page. */
    static final int PAGE_SIZE = 25;

    /** How often the page asks for its newer self while an import runs or failures are open, in ms. */
    static final int LIVE_MS = 5000;

    private static final Set<String> STATUSES = Set.of("OPEN", "RESOLVED");

    @Inject
    Template report;

    @Inject
    ReportQueries reports;

    @Inject
    ReportResource api;

    @Inject
    CurrentCaller caller;

    @Inject
    UiLinks links;

    @Inject
    BrightManagerLinks brightManager;

    /** A bar of the failures-by-reason chart, laid out for the SVG. */
    public record Bar(String reason, long clients, long open, int textY, int barY, int width, int countX) {
    }

    /** A failure row with where to fix it. */
    public record Row(FailurePage.FailureItem item, String fixUrl) {
    }

    @GET
    @Path("/report")
    public TemplateInstance report(@PathParam("accountId") String accountId, @PathParam("importId") String importId,
            @QueryParam("reason") String reason, @QueryParam("status") String status, @QueryParam("page") String pageParam) {
        ReasonCode reasonCode = QueryParams.oneOf("reason", emptyToNull(reason), ReasonCode.class);
        String state = QueryParams.oneOf("status", emptyToNull(status), STATUSES);
        int page = QueryParams.page(pageParam);
        ReportView view = api.report(accountId, importId);
        String code = reasonCode == null ? null : reasonCode.name();
        List<Row> rows = new ArrayList<>();
        reports.failures(accountId, importId, code, state, (long) page * PAGE_SIZE, PAGE_SIZE,
                r -> rows.add(new Row(FailurePage.FailureItem.of(r), brightManager.client(accountId, r.clientId()))));
        long matching = reports.countFailures(accountId, importId, code, state);
        long open = view.reasons().stream().mapToLong(ReasonSummary::open).sum();
        boolean live = "RUNNING".equals(view.status()) || open > 0;
        var who = caller.get();
        return report.data("r", view).data("bars", bars(view.reasons())).data("chartHeight", view.reasons().size() * 34).data("rows", rows).data("matching", matching)
                .data("page", page).data("pages", Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE))
                .data("more", (long) (page + 1) * PAGE_SIZE < matching)
                .data("reason", code).data("status", state).data("codes", ReasonCode.values())
                .data("open", open).data("live", live ? LIVE_MS : 0)
                .data("who", who).data("account", accountId).data("supportUser", AccountAccess.SUPPORT.equals(who.role()))
                .data("importApi", links.importApi("")).data("csv", "/ui/accounts/" + accountId + "/imports/" + importId
                        + "/failures.csv")
                .data("query", (code == null ? "" : "&reason=" + code) + (state == null ? "" : "&status=" + state));
    }

    @GET
    @Path("/failures.csv")
    @Produces("text/csv")
    public Response failuresCsv(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        return api.failuresCsv(accountId, importId);
    }

    /** The chart's bars: one per reason, the longest as wide as the chart. */
    static List<Bar> bars(List<ReasonSummary> reasons) {
        long max = reasons.stream().mapToLong(ReasonSummary::rows).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (ReasonSummary r : reasons) {
            int width = max == 0 ? 0 : (int) Math.max(2, Math.round(r.rows() * 320.0 / max));
            bars.add(new Bar(r.reason(), r.rows(), r.open(), y + 20, y + 6, width, width + 258));
            y += 34;
        }
        return bars;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
