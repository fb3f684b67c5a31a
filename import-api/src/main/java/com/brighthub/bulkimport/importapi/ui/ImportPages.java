package com.brighthub.bulkimport.importapi.ui;

import com.brighthub.bulkimport.common.api.AccountAccess;
import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.common.api.Caller;
import com.brighthub.bulkimport.common.api.CsvCells;
import com.brighthub.bulkimport.common.api.CurrentCaller;
import com.brighthub.bulkimport.common.api.QueryParams;
import com.brighthub.bulkimport.common.ui.UiLinks;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.domain.Audit;
import com.brighthub.bulkimport.importapi.domain.AuditedImports;
import com.brighthub.bulkimport.importapi.domain.ImportService;
import com.brighthub.bulkimport.importapi.domain.Preflight;
import com.brighthub.bulkimport.importapi.domain.Preflights;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import com.brighthub.bulkimport.importapi.rest.ImportView;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * BrightHub's bulk import pages, as the help article walks through them: the Integration page with Get
 * Started (or why not), the pre-flight with the warning and the confirmation, the progress, the history
 * and the audit trail, and Bright Support's console. Who may open which page is decided by the same rules
 * as the API (the account-access filter); every query is scoped by the path's account. The report page is
 * report-service's.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class ImportPages {

    /** How often a page that shows a running import asks for its newer self, in milliseconds. */
    static final int LIVE_MS = 1000;

    @Inject
    Template integration;

    @Inject
    Template preflight;

    @Inject
    Template progress;

    @Inject
    Template cancel;

    @Inject
    Template history;

    @Inject
    Template audit;

    @Inject
    Template support;

    @Inject
    CurrentCaller caller;

    @Inject
    ImportService imports;

    @Inject
    AuditedImports audited;

    @Inject
    Audit auditTrail;

    @Inject
    Preflights preflights;

    @Inject
    Preflight checks;

    @Inject
    BrightManagerPort brightManager;

    @Inject
    ImportConfig config;

    @Inject
    UiLinks links;

    /** Why the user cannot start an import here, if they cannot; with the running import where that is why. */
    public record WhyNot(String reason, String runningImportId) {
    }

    @GET
    @Path("/accounts/{accountId}/integration")
    public TemplateInstance integration(@PathParam("accountId") String accountId) {
        Caller who = caller.get();
        Optional<BrightManagerPort.Account> account = Optional.empty();
        WhyNot whyNot = null;
        if (!AccountAccess.ADMIN_ROLES.contains(who.role())) {
            whyNot = new WhyNot(AccountAccess.SUPPORT.equals(who.role())
                    ? "Bright Support can follow and cancel an import, but only the practice's Admin or Owner can start one."
                    : "Only an Admin or Owner of the practice can run the bulk import. You are signed in as "
                            + who.role() + ": ask an Admin or Owner of your practice, or Bright Support.", null);
        }
        try {
            account = brightManager.account(accountId);
        } catch (RuntimeException e) {
            whyNot = whyNot != null ? whyNot
                    : new WhyNot("BrightManager cannot be reached just now. Try again in a few minutes.", null);
        }
        if (whyNot == null && account.isEmpty()) {
            whyNot = new WhyNot("BrightManager has no account " + accountId + ". Contact Bright Support.", null);
        }
        if (whyNot == null && !account.get().brightClientEnabled()) {
            whyNot = new WhyNot("BrightClient is not enabled on your BrightManager account. Enable it in"
                    + " BrightManager, then come back here.", null);
        }
        Optional<ImportRun> running = ImportRun.runningIn(accountId);
        if (whyNot == null && running.isPresent()) {
            whyNot = new WhyNot("A bulk import is already running for this practice.", running.get().id);
        }
        return page(integration, who, accountId).data("practice", account.map(BrightManagerPort.Account::name).orElse(accountId))
                .data("whyNot", whyNot).data("running", running.map(r -> r.id).orElse(null));
    }

    @GET
    @Path("/accounts/{accountId}/preflight")
    public TemplateInstance preflight(@PathParam("accountId") String accountId) {
        return preflightPage(accountId, null);
    }

    @GET
    @Path("/accounts/{accountId}/preflight/would-fail.csv")
    @Produces("text/csv")
    public Response wouldFail(@PathParam("accountId") String accountId) {
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("client_id", "client_reference", "client_name",
                    "reason_code", "reason", "detail", "how_to_fix").get().print(writer);
            checks.wouldFail(accountId, (client, reasons) -> {
                for (Reason r : reasons) {
                    try {
                        csv.printRecord(CsvCells.safe(client.id()), CsvCells.safe(client.reference()),
                                CsvCells.safe(client.name()), r.code().name(), CsvCells.safe(r.code().reason()),
                                CsvCells.safe(r.detail()), CsvCells.safe(r.code().howToFix(r.detail())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            csv.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition",
                "attachment; filename=\"clients-that-would-fail-" + accountId.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"")
                .build();
    }

    @POST
    @Path("/accounts/{accountId}/imports")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object start(@PathParam("accountId") String accountId, @FormParam("confirm") String confirm) {
        try {
            ImportRun run = audited.start(caller.get(), accountId, "irreversible".equals(confirm));
            return Response.seeOther(URI.create(importPath(accountId, run.id))).build();
        } catch (ApiException refused) {
            String message = refused.code().equals(ApiError.CONFIRMATION_REQUIRED.name())
                    ? "Tick the box to confirm that you understand the import cannot be undone, then start it."
                    : refused.getMessage();
            Object running = refused.extra().get("importId");
            return Response.status(refused.status()).entity(preflightPage(accountId, message)
                    .data("running", running)).type(MediaType.TEXT_HTML_TYPE).build();
        }
    }

    @GET
    @Path("/accounts/{accountId}/imports/{importId}")
    public TemplateInstance progress(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        ImportView view = view(accountId, importId);
        boolean running = view.status() == ImportStatus.RUNNING;
        Double rate = null;
        Long secondsLeft = null;
        if (running && view.processed() > 0 && view.startedAt() != null) {
            double seconds = Math.max(1, Duration.between(view.startedAt(), Instant.now()).toSeconds());
            rate = Math.round(view.processed() / seconds * 10) / 10.0;
            if (view.enumerationComplete() && rate > 0) {
                secondsLeft = (long) Math.ceil((view.total() - view.processed()) / rate);
            }
        }
        return page(progress, caller.get(), accountId).data("i", view).data("live", running ? LIVE_MS : 0)
                .data("rate", rate).data("timeLeft", secondsLeft == null ? null : duration(secondsLeft))
                .data("stallAfter", duration(config.stallAfter().toSeconds()))
                .data("reportUrl", links.report(accountId, importId));
    }

    @GET
    @Path("/accounts/{accountId}/imports/{importId}/cancel")
    public TemplateInstance cancelPage(@PathParam("accountId") String accountId, @PathParam("importId") String importId) {
        return page(cancel, caller.get(), accountId).data("i", view(accountId, importId)).data("problem", null);
    }

    @POST
    @Path("/accounts/{accountId}/imports/{importId}/cancel")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object cancel(@PathParam("accountId") String accountId, @PathParam("importId") String importId,
            @FormParam("back") String back) {
        try {
            audited.cancel(caller.get(), accountId, importId);
        } catch (ApiException refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            return Response.status(refused.status()).type(MediaType.TEXT_HTML_TYPE).entity(page(cancel, caller.get(),
                    accountId).data("i", view(accountId, importId)).data("problem", refused.getMessage())).build();
        }
        return Response.seeOther(URI.create("support".equals(back) ? "/ui/support/imports"
                : importPath(accountId, importId))).build();
    }

    @GET
    @Path("/accounts/{accountId}/imports")
    public TemplateInstance history(@PathParam("accountId") String accountId, @QueryParam("page") String pageParam) {
        int p = QueryParams.page(pageParam);
        int size = 25;
        Instant now = Instant.now();
        List<ImportView> list = imports.list(accountId, p, size).stream()
                .map(run -> ImportView.of(run, imports, config.stallAfter(), now)).toList();
        return page(history, caller.get(), accountId).data("imports", list).data("page", p)
                .data("more", list.size() == size);
    }

    @GET
    @Path("/accounts/{accountId}/audit")
    public TemplateInstance audit(@PathParam("accountId") String accountId, @QueryParam("page") String pageParam) {
        int p = QueryParams.page(pageParam);
        int size = 50;
        var entries = auditTrail.entries(accountId, p, size);
        return page(audit, caller.get(), accountId).data("entries", entries).data("page", p)
                .data("more", entries.size() == size);
    }

    @GET
    @Path("/support/imports")
    public TemplateInstance support(@QueryParam("page") String pageParam) {
        int p = QueryParams.page(pageParam);
        int size = 50;
        Instant now = Instant.now();
        Instant stalledBefore = now.minus(config.stallAfter());
        List<ImportView> stalled = p > 0 ? List.of()
                : imports.acrossAccounts(ImportStatus.RUNNING, true, stalledBefore, 0, 200).stream()
                        .map(run -> ImportView.of(run, imports, config.stallAfter(), now)).toList();
        List<ImportView> others = imports.acrossAccounts(null, false, stalledBefore, p, size).stream()
                .map(run -> ImportView.of(run, imports, config.stallAfter(), now)).toList();
        return page(support, caller.get(), null).data("stalled", stalled).data("others", others).data("page", p)
                .data("more", others.size() == size);
    }

    private TemplateInstance preflightPage(String accountId, String problem) {
        Preflights.Run run = preflights.of(accountId);
        CompletableFuture<Preflight.Result> future = run.result();
        Preflight.Result result = null;
        String failed = null;
        if (future.isDone()) {
            try {
                result = future.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                failed = e.getCause() instanceof ApiException api ? api.getMessage()
                        : "The pre-flight could not finish. Try again in a few minutes.";
            }
        }
        String practice = result == null ? accountId : brightManager.account(accountId)
                .map(BrightManagerPort.Account::name).orElse(accountId);
        return page(preflight, caller.get(), accountId).data("r", result).data("checked", run.checked())
                .data("failed", failed).data("live", result == null && failed == null ? LIVE_MS : 0)
                .data("practice", practice).data("problem", problem).data("running", null)
                .data("reasons", result == null ? List.of() : reasons(result.failuresByReason()));
    }

    /** A reason the pre-flight expects failures for, with the article's fix. */
    public record ReasonLine(String code, String reason, String howToFix, long clients) {
    }

    private static List<ReasonLine> reasons(Map<ReasonCode, Long> byReason) {
        return byReason.entrySet().stream()
                .map(e -> new ReasonLine(e.getKey().name(), e.getKey().reason(), e.getKey().howToFix(), e.getValue()))
                .toList();
    }

    private ImportView view(String accountId, String importId) {
        return imports.find(accountId, importId).map(run -> ImportView.of(run, imports, config.stallAfter(), Instant.now()))
                .orElseThrow(() -> ApiException.notFound("Import " + importId));
    }

    private static String importPath(String accountId, String importId) {
        return "/ui/accounts/" + UiLinks.encode(accountId) + "/imports/" + UiLinks.encode(importId);
    }

    private TemplateInstance page(Template template, Caller who, String accountId) {
        return template.data("who", who).data("account", accountId)
                .data("admin", AccountAccess.ADMIN_ROLES.contains(who.role()))
                .data("supportUser", AccountAccess.SUPPORT.equals(who.role()))
                .data("reportBase", links.reportBase()).data("importApi", links.importApi(""));
    }

    /** Seconds as people say them: "45 s", "3 min", "2 h 5 min". */
    static String duration(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes < 90 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
