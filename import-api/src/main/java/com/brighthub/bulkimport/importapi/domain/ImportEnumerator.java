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

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Claims imports that need enumerating, up to this instance's concurrency, and runs each on a worker. */
    @Scheduled(every = "${bulk-import.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void claimWork() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(config.enumerationConcurrency(), r -> {
                Thread t = new Thread(r, "import-enumerator");
                t.setDaemon(true);
                return t;
            });
        }
        while (active.get() < config.enumerationConcurrency()) {
            Optional<String> claimed = claim();
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

    private Optional<String> claim() {
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
                return Optional.<String>empty();
            }
            ImportRun run = candidates.get(0);
            run.leaseOwner = owner;
            run.leaseUntil = Instant.now().plus(config.lease());
            return Optional.of(run.id);
        });
    }

    void enumerate(String importId) {
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
                Set<String> linked = links.linked(run.accountId, clients.stream().map(Client::id).toList(), importId);
                List<Client> unlinked = new ArrayList<>(clients.size());
                for (Client c : clients) {
                    if (!linked.contains(c.id())) {
                        unlinked.add(c);
                    }
                }
                events.clientRecords(run.accountId, importId, unlinked);
                Long expected = first ? page.total() : null;
                Optional<ImportRun> advanced = advance(importId, page.nextCursor(), clients.size(), linked.size(),
                        unlinked.size(), expected);
                if (advanced.isEmpty()) {
                    Log.warnf("import %s: lease lost to another instance; stopping here", importId);
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
            QuarkusTransaction.requiringNew().run(() -> {
                ImportRun r = ImportRun.findById(importId);
                r.enumerationDone = true;
                r.leaseOwner = null;
                r.leaseUntil = null;
            });
            Log.infof("import %s of account %s enumerated: %d clients, %d already linked, %d sent on", importId,
                    done.accountId, done.total, done.alreadyLinked, done.emitted);
        } catch (BrightManagerRefusedException e) {
            Log.errorf("import %s: BrightManager refused it (%s); the import failed", importId, e.getMessage());
            fail(importId);
        } catch (RuntimeException e) {
            Log.errorf(e, "import %s: enumeration interrupted; it resumes from its last page", importId);
            release(importId);
        }
    }

    /**
     * Commits a page: cursor and counts together, and only while this instance holds the lease; returns
     * the run as committed, or empty when the lease was lost.
     */
    private Optional<ImportRun> advance(String importId, String nextCursor, int seen, int linked, int emitted,
            Long expectedTotal) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportRun run = em.find(ImportRun.class, importId, LockModeType.PESSIMISTIC_WRITE);
            if (!owner.equals(run.leaseOwner)) {
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

    private void fail(String importId) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportRun run = ImportRun.findById(importId);
            run.status = ImportStatus.FAILED;
            run.finishedAt = Instant.now();
            run.leaseOwner = null;
            run.leaseUntil = null;
        });
    }

    private void release(String importId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ImportRun run = ImportRun.findById(importId);
                if (run != null && owner.equals(run.leaseOwner)) {
                    // try again shortly, from the last committed page
                    run.leaseUntil = Instant.now().plusSeconds(5);
                }
            });
        } catch (RuntimeException e) {
            Log.warnf("import %s: could not release the lease (%s); it expires by itself", importId, e.getMessage());
        }
    }
}
