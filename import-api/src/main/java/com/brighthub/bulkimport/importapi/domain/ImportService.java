package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.common.api.Caller;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerUnavailableException;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import com.brighthub.bulkimport.model.events.ImportProgress;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Starts imports and keeps their status: the rules of the start (confirmation, BrightClient enabled,
 * one running import per account) and the progress that report-service reports back.
 */
@ApplicationScoped
public class ImportService {

    @Inject
    BrightManagerPort brightManager;

    @Inject
    EntityManager em;

    @Inject
    ImportEnds ends;

    @Inject
    com.brighthub.bulkimport.importapi.config.ImportConfig config;

    /**
     * A queued import's place in the queue, across every practice: 1 when it is next for an enumerator.
     * Imports wait in the order they started.
     */
    public long queuePosition(ImportRun run) {
        return 1 + em.createQuery("""
                        select count(r) from ImportRun r where r.status = :running and r.enumerationDone = false
                          and r.leaseEpoch = 0 and r.startedAt < :startedAt""", Long.class)
                .setParameter("running", com.brighthub.bulkimport.importapi.persistence.ImportStatus.RUNNING)
                .setParameter("startedAt", run.startedAt)
                .getSingleResult();
    }

    /** Starts an import of the account, or refuses with the contract's codes. */
    public ImportRun start(Caller caller, String accountId, boolean confirmed) {
        if (!confirmed) {
            throw new ApiException(ApiError.CONFIRMATION_REQUIRED,
                    "A bulk import cannot be undone: send {\"confirmIrreversible\": true} to start it");
        }
        QuarkusTransaction.requiringNew().run(() -> ImportRun.runningIn(accountId).ifPresent(running -> {
            throw alreadyRunning(running.id);
        }));
        BrightManagerPort.Account account;
        try {
            account = brightManager.account(accountId).orElseThrow(() -> new ApiException(ApiError.BRIGHTCLIENT_NOT_ENABLED,
                    "No BrightManager account " + accountId + " exists, so BrightClient cannot be enabled on it"));
        } catch (BrightManagerUnavailableException | TimeoutException e) {
            Log.warnf("BrightManager unavailable while starting an import of %s: %s", accountId, e.getMessage());
            throw new ApiException(ApiError.BRIGHTMANAGER_UNAVAILABLE,
                    "BrightManager cannot be reached just now; please try again in a few minutes");
        }
        if (!account.brightClientEnabled()) {
            throw new ApiException(ApiError.BRIGHTCLIENT_NOT_ENABLED,
                    "Enable BrightClient on your BrightManager account before running the bulk import");
        }
        ImportRun run = new ImportRun();
        run.id = UUID.randomUUID().toString();
        run.accountId = accountId;
        run.status = ImportStatus.RUNNING;
        run.startedBy = caller.userId();
        run.startedRole = caller.role();
        run.startedAt = Instant.now();
        run.lastActivityAt = run.startedAt;
        try {
            QuarkusTransaction.requiringNew().run(run::persistAndFlush);
        } catch (PersistenceException e) {
            // The partial unique index lost us a race with a concurrent start.
            String runningId = QuarkusTransaction.requiringNew()
                    .call(() -> ImportRun.runningIn(accountId).map(r -> r.id).orElse(null));
            if (runningId != null) {
                throw alreadyRunning(runningId);
            }
            throw e;
        }
        Log.infof("import %s of account %s started by %s (%s)", run.id, accountId, run.startedBy, run.startedRole);
        return run;
    }

    public List<ImportRun> list(String accountId, int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> ImportRun.ofAccount(accountId, page, size));
    }

    public Optional<ImportRun> find(String accountId, String importId) {
        return QuarkusTransaction.requiringNew().call(() -> ImportRun.inAccount(accountId, importId));
    }

    /**
     * Cancels a running import: it is CANCELLED at once (a new import may start), its enumeration stops
     * at its next page, and once this returns sync-worker sends no more of its clients to BrightClient
     * (it sees the status within the fence this waits out). Clients already synced stay linked.
     */
    public ImportRun cancel(Caller caller, String accountId, String importId) {
        int cancelled = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        UPDATE bulk_import SET status = 'CANCELLED', finished_at = now(), cancelled_by = ?1,
                          end_announced = FALSE, lease_owner = NULL, lease_until = NULL
                        WHERE id = ?2 AND account_id = ?3 AND status = 'RUNNING'
                        """)
                .setParameter(1, caller.userId() + " (" + caller.role() + ")")
                .setParameter(2, importId)
                .setParameter(3, accountId)
                .executeUpdate());
        ImportRun run = find(accountId, importId).orElseThrow(() -> ApiException.notFound("Import " + importId));
        if (cancelled == 0) {
            throw new ApiException(ApiError.IMPORT_NOT_RUNNING, "This import is not running (it is " + run.status
                    + "); only a running import can be cancelled", Map.of("importId", importId));
        }
        Log.infof("import %s of account %s cancelled by %s (%s)", importId, accountId, caller.userId(), caller.role());
        fence();
        ends.announce();
        return run;
    }

    /** Waits out the time sync-worker takes to see a status change. */
    private void fence() {
        try {
            Thread.sleep(config.cancelFence().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every account's imports, newest first, for Bright Support: optionally only those with a status, and
     * only those stalled (running, picked up, and without progress since {@code stalledBefore}) or not.
     */
    public List<ImportRun> acrossAccounts(ImportStatus status, Boolean stalled, Instant stalledBefore, int page,
            int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        String isStalled = "(status = :running and leaseEpoch > 0 and lastActivityAt < :before)";
        if (stalled != null) {
            query.append(stalled ? " and " + isStalled : " and not " + isStalled);
            params.put("running", ImportStatus.RUNNING);
            params.put("before", stalledBefore);
        }
        return QuarkusTransaction.requiringNew().call(() -> ImportRun.<ImportRun>find(query.toString(),
                io.quarkus.panache.common.Sort.descending("startedAt", "id"), params).page(page, size).list());
    }

    /**
     * Applies report-service's figures in one statement that touches only progress columns (the
     * enumerator may be committing a page of the same row): progress never goes backwards and
     * completion is final.
     */
    public void applyProgress(ImportProgress progress) {
        Instant finishedAt = progress.occurredAt() == null ? Instant.now() : progress.occurredAt();
        int updated = em.createNativeQuery("""
                        UPDATE bulk_import SET
                          processed = GREATEST(processed, ?1),
                          last_activity_at = GREATEST(last_activity_at, COALESCE(?2, last_activity_at)),
                          finished_at = CASE WHEN ?3 AND status = 'RUNNING' THEN ?4 ELSE finished_at END,
                          end_announced = CASE WHEN ?3 AND status = 'RUNNING' THEN FALSE ELSE end_announced END,
                          status = CASE WHEN ?3 AND status = 'RUNNING' THEN 'COMPLETED' ELSE status END
                        WHERE id = ?5 AND account_id = ?6
                        """)
                .setParameter(1, progress.processed())
                .setParameter(2, progress.lastOutcomeAt())
                .setParameter(3, progress.completed())
                .setParameter(4, finishedAt)
                .setParameter(5, progress.importId())
                .setParameter(6, progress.accountId())
                .executeUpdate();
        if (updated == 0) {
            Log.warnf("progress for unknown import %s of account %s ignored", progress.importId(), progress.accountId());
        } else if (progress.completed()) {
            Log.infof("import %s of account %s: every client accounted for (%d)", progress.importId(),
                    progress.accountId(), progress.processed());
        }
    }

    private static ApiException alreadyRunning(String importId) {
        return new ApiException(ApiError.IMPORT_ALREADY_RUNNING,
                "An import is already running for this account; wait for it to finish", Map.of("importId", importId));
    }
}
