package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.persistence.ClientLinks;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.model.rules.ClientRules;
import com.brighthub.bulkimport.model.rules.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import would do now, before the irreversible step: the same rules as the validator (one
 * implementation, {@link ClientRules}), applied page by page so any account size fits in memory.
 */
@ApplicationScoped
public class Preflight {

    /** The pre-flight answer. BrightClient may still reject some clients that pass these rules. */
    public record Result(String accountId, boolean brightClientEnabled, long clients, long alreadyLinked,
            long excluded, long wouldFail, long wouldImport, Map<ReasonCode, Long> failuresByReason, String note) {
    }

    @Inject
    BrightManagerPort brightManager;

    @Inject
    ClientLinks links;

    @Inject
    ImportConfig config;

    public Result check(String accountId) {
        return check(accountId, checked -> { });
    }

    /** The pre-flight of an account, telling {@code progress} how many clients it has checked after each page. */
    public Result check(String accountId, java.util.function.LongConsumer progress) {
        return check(accountId, progress, (client, failures) -> { });
    }

    /**
     * The clients an import would fail now, each with its reasons, in BrightManager's order: the pre-flight's
     * own pass over the account, so the list always agrees with its counts.
     */
    public Result wouldFail(String accountId, java.util.function.BiConsumer<Client, List<Reason>> failing) {
        return check(accountId, checked -> { }, failing);
    }

    private Result check(String accountId, java.util.function.LongConsumer progress,
            java.util.function.BiConsumer<Client, List<Reason>> failing) {
        BrightManagerPort.Account account = brightManager.account(accountId)
                .orElseThrow(() -> new ApiException(ApiError.ACCOUNT_NOT_FOUND,
                        "BrightManager has no account " + accountId));
        long clients = 0;
        long linked = 0;
        long excluded = 0;
        long failed = 0;
        Map<ReasonCode, Long> reasons = new EnumMap<>(ReasonCode.class);
        String cursor = null;
        do {
            BrightManagerPort.ClientPage page = brightManager.clients(accountId, cursor, config.pageSize());
            List<Client> found = page.clients().stream().filter(c -> c != null && c.id() != null).toList();
            Set<String> linkedIds = links.linked(accountId, found.stream().map(Client::id).toList(), null);
            for (Client c : found) {
                clients++;
                if (linkedIds.contains(c.id())) {
                    linked++;
                    continue;
                }
                Evaluation e = ClientRules.evaluate(c);
                if (e.verdict() == Verdict.EXCLUDED) {
                    excluded++;
                } else if (e.verdict() == Verdict.FAIL) {
                    failed++;
                    failing.accept(c, e.reasons());
                    for (Reason r : e.reasons()) {
                        reasons.merge(r.code(), 1L, Long::sum);
                    }
                }
            }
            cursor = page.nextCursor();
            progress.accept(clients);
        } while (cursor != null);
        return new Result(accountId, account.brightClientEnabled(), clients, linked, excluded, failed,
                clients - linked - excluded - failed, reasons,
                account.brightClientEnabled() ? "BrightClient may still reject some of the clients that pass these checks."
                        : "Enable BrightClient on your BrightManager account before running the bulk import.");
    }
}
