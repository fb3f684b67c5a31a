package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerRefusedException;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.messaging.PipelineEvents;
import com.brighthub.bulkimport.importapi.persistence.ClientLinks;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.model.client.Client;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pages through BrightManager for each running import and emits one event per unlinked client.
 *
 * <p>Resumable and safe with many instances: an instance claims an import under a lease, sends a
 * page's events and waits for the broker's acks, then commits the cursor with the page's counts in one
 * transaction. A crash replays at most the last page, which downstream services de-duplicate by
 * (import, client). Only one page is held in memory, whatever the account's size.
 *
 * <p>The lease is fenced: every claim raises the import's {@code lease_epoch}, and every commit (and
 * every page before it is sent) checks that the epoch is still the one this worker claimed and that the
 * import still runs. A worker whose BrightManager call outlasted its lease, or whose import was
 * cancelled, stops at its next page – on this instance or another.
 */
@ApplicationScoped
public class ImportEnumerator {

    private final String owner = "import-api-" + UUID.randomUUID();
    private final AtomicInteger active = new AtomicInteger();
    private ExecutorService workers;

    @Inject
    ImportConfig config;

    @Inject
    BrightManagerPort brightManager;

    @Inject
    ClientLinks links;

    @Inject
    PipelineEvents events;

    @Inject
    EntityManager em;

    @Inject
    ImportEnds ends;

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** A claimed enumeration: the import and the epoch this worker holds it under. */
    record Lease(String importId, long epoch) {
    }

    /** Claims imports that need enumerating, up to this instance's concurrency, and runs each on a worker. */
    @Scheduled(every = "${bulk-import.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void claimWork() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(config.enumerationConcurrency(), r -> {
                Thread t = new Thread(r, "import-enumerator");
                t.setDaemon(true);
                return t;
            });
        }
        while (active.get() < config.enumerationConcurrency()) {
            Optional<Lease> claimed = claim();
            if (claimed.isEmpty()) {
                return;
            }
            active.incrementAndGet();
            workers.submit(() -> {
                try {
                    enumerate(claimed.get());
                } finally {
                    active.decrementAndGet();
                }
            });
        }
    }

    private Optional<Lease> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ImportRun> candidates = em.createQuery("""
                            from ImportRun where enumerationDone = false and status = :running
                              and (leaseUntil is null or leaseUntil < :now)
                            order by leaseUntil asc nulls first, startedAt""", ImportRun.class)
                    .setParameter("running", ImportStatus.RUNNING)
                    .setParameter("now", Instant.now())
                    .setMaxResults(1)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                    .getResultList();
            if (candidates.isEmpty()) {
                return Optional.<Lease>empty();
            }
            ImportRun run = candidates.get(0);
            run.leaseOwner = owner;
            run.leaseUntil = Instant.now().plus(config.lease());
            run.leaseEpoch++;
            return Optional.of(new Lease(run.id, run.leaseEpoch));
        });
    }

    void enumerate(Lease lease) {
        String importId = lease.importId();
        try {
            ImportRun run = QuarkusTransaction.requiringNew().call(() -> ImportRun.<ImportRun>findById(importId));
            if (!run.startedEventSent) {
                events.started(run);
                QuarkusTransaction.requiringNew().run(() -> ImportRun.<ImportRun>findById(importId).startedEventSent = true);
            }
            String cursor = run.cursor;
            boolean first = cursor == null;
            ImportRun done;
            while (true) {
                BrightManagerPort.ClientPage page = brightManager.clients(run.accountId, cursor, config.pageSize());
                List<Client> clients = page.clients().stream().filter(c -> c != null && c.id() != null && !c.id().isBlank())
                        .toList();
                if (clients.size() != page.clients().size()) {
                    Log.warnf("import %s: %d client files without an id skipped", importId,
                            page.clients().size() - clients.size());
                }
                if (!holds(lease)) {
                    Log.warnf("import %s: lease lost or import ended while BrightManager answered; stopping here",
                            importId);
                    return;
                }
                List<String> ids = new ArrayList<>(clients.size() + page.unreadable().size());
                clients.forEach(c -> ids.add(c.id()));
                page.unreadable().forEach(u -> ids.add(u.clientId()));
                Set<String> linked = links.linked(run.accountId, ids, importId);
                List<Client> unlinked = new ArrayList<>(clients.size());
                for (Client c : clients) {
                    if (!linked.contains(c.id())) {
                        unlinked.add(c);
                    }
                }
                List<BrightManagerPort.Unreadable> unreadable = page.unreadable().stream()
                        .filter(u -> !linked.contains(u.clientId())).toList();
                events.clientRecords(run.accountId, importId, unlinked, unreadable);
                Long expected = first ? page.total() : null;
                Optional<ImportRun> advanced = advance(lease, page.nextCursor(), ids.size(), linked.size(),
                        unlinked.size() + unreadable.size(), expected);
                if (advanced.isEmpty()) {
                    Log.warnf("import %s: lease lost or import ended; stopping here", importId);
                    return;
                }
                first = false;
                if (page.nextCursor() == null) {
                    done = advanced.get();
                    break;
                }
                events.enumerating(advanced.get());
                cursor = page.nextCursor();
            }
            events.enumerated(done);
            boolean finished = QuarkusTransaction.requiringNew().call(() -> {
                ImportRun r = em.find(ImportRun.class, importId, LockModeType.PESSIMISTIC_WRITE);
                if (r.leaseEpoch != lease.epoch()) {
                    return false;
                }
                r.enumerationDone = true;
                r.leaseOwner = null;
                r.leaseUntil = null;
                return true;
            });
            if (!finished) {
                return;
            }
            Log.infof("import %s of account %s enumerated: %d clients, %d already linked, %d sent on", importId,
                    done.accountId, done.total, done.alreadyLinked, done.emitted);
        } catch (BrightManagerRefusedException e) {
            Log.errorf("import %s: BrightManager refused it (%s); the import failed", importId, e.getMessage());
            fail(lease, "BrightManager refused to list this account's clients (" + e.getMessage() + "). Check that"
                    + " BrightHub still has access to the BrightManager account, then start a new import; clients"
                    + " not reached were not processed.");
        } catch (RuntimeException e) {
            if (stuckTooLong(importId)) {
                Log.errorf(e, "import %s: BrightManager unavailable for over %s; the import failed", importId,
                        config.brightManagerGiveUp());
                fail(lease, "BrightManager could not be reached for over " + config.brightManagerGiveUp().toMinutes()
                        + " minutes. Start a new import later; clients not reached were not processed.");
                return;
            }
            Log.errorf(e, "import %s: enumeration interrupted; it resumes from its last page", importId);
            release(lease);
        }
    }

    /** True while this worker's epoch is the import's and the import still runs. */
    private boolean holds(Lease lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportRun run = ImportRun.findById(lease.importId());
            return run != null && run.leaseEpoch == lease.epoch() && run.status == ImportStatus.RUNNING;
        });
    }

    /** True when the import has made no progress at all for longer than BrightManager is given. */
    private boolean stuckTooLong(String importId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                ImportRun run = ImportRun.findById(importId);
                return run != null && run.lastActivityAt.plus(config.brightManagerGiveUp()).isBefore(Instant.now());
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Commits a page: cursor and counts together, and only while this instance holds the lease; returns
     * the run as committed, or empty when the lease was lost.
     */
    private Optional<ImportRun> advance(Lease lease, String nextCursor, int seen, int linked, int emitted,
            Long expectedTotal) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportRun run = em.find(ImportRun.class, lease.importId(), LockModeType.PESSIMISTIC_WRITE);
            if (run.leaseEpoch != lease.epoch() || run.status != ImportStatus.RUNNING) {
                return Optional.<ImportRun>empty();
            }
            run.cursor = nextCursor;
            run.total += seen;
            run.alreadyLinked += linked;
            run.emitted += emitted;
            if (expectedTotal != null) {
                run.expectedTotal = expectedTotal;
            }
            run.lastActivityAt = Instant.now();
            run.leaseUntil = Instant.now().plus(config.lease());
            return Optional.of(run);
        });
    }

    /** Ends the import FAILED, if this worker still holds it and it still runs, and announces the end. */
    private void fail(Lease lease, String reason) {
        boolean failed = QuarkusTransaction.requiringNew().call(() -> {
            ImportRun run = em.find(ImportRun.class, lease.importId(), LockModeType.PESSIMISTIC_WRITE);
            if (run.leaseEpoch != lease.epoch() || run.status != ImportStatus.RUNNING) {
                return false;
            }
            run.status = ImportStatus.FAILED;
            run.failureReason = reason;
            run.finishedAt = Instant.now();
            run.endAnnounced = false;
            run.leaseOwner = null;
            run.leaseUntil = null;
            return true;
        });
        if (failed) {
            ends.announce();
        }
    }

    private void release(Lease lease) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ImportRun run = ImportRun.findById(lease.importId());
                if (run != null && run.leaseEpoch == lease.epoch()) {
                    // try again shortly, from the last committed page
                    run.leaseUntil = Instant.now().plusSeconds(5);
                }
            });
        } catch (RuntimeException e) {
            Log.warnf("import %s: could not release the lease (%s); it expires by itself", lease.importId(), e.getMessage());
        }
    }
}
