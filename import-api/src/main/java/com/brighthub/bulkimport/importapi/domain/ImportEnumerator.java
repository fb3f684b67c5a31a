package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerRefusedException;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.persistence.ClientLinks;
import com.brighthub.bulkimport.importapi.persistence.EnumerationLeases;
import com.brighthub.bulkimport.importapi.persistence.EnumerationLeases.Lease;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.model.client.Client;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pages through BrightManager for each running import and emits one event per unlinked client.
 *
 * <p>Resumable and safe with many instances: an instance claims an import under a lease, sends a
 * page's events and waits for the broker's acks, then commits the cursor with the page's counts in one
 * transaction. A crash replays at most the last page, which downstream services de-duplicate by
 * (import, client). Only one page is held in memory, whatever the account's size.
 *
 * <p>Fair between imports: an import with {@code bulk-import.max-in-flight} clients in the pipeline (enumerated,
 * without an outcome) gives its enumerator up, and imports that have not had a turn are claimed first.
 *
 * <p>The lease ({@link EnumerationLeases}) is fenced: a worker whose BrightManager call outlasted its lease,
 * or whose import was cancelled, stops at its next page – on this instance or another.
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
    ImportAnnouncements events;

    @Inject
    EnumerationLeases leases;

    @Inject
    ImportEnds ends;

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.shutdownNow();
        }
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
            if (workers.isShutdown()) {
                // shutting down: claim nothing a stopped worker would hold until its lease expired
                return;
            }
            Optional<Lease> claimed = leases.claim(owner);
            if (claimed.isEmpty()) {
                return;
            }
            active.incrementAndGet();
            try {
                workers.submit(() -> {
                    try {
                        enumerate(claimed.get());
                    } finally {
                        active.decrementAndGet();
                    }
                    claimNext();
                });
            } catch (RejectedExecutionException stopping) {
                active.decrementAndGet();
                leases.release(claimed.get());
                return;
            }
        }
    }

    /**
     * A worker that ends or gives its turn up takes the next import at once, not at the next tick: 20 small
     * imports started together waited about a second per four of them for their turns.
     */
    private void claimNext() {
        try {
            claimWork();
        } catch (RuntimeException e) {
            // shutting down, or PostgreSQL unreachable: the next tick claims again
            Log.debugf("claiming the next import after a turn: %s", e.getMessage());
        }
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
                if (!leases.holds(lease)) {
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
                Optional<ImportRun> advanced = leases.advance(lease, page.nextCursor(), ids.size(), linked.size(),
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
                ImportRun now = advanced.get();
                if (now.total - now.processed >= config.maxInFlight()) {
                    // its share of the pipeline is full: other imports go first, and it resumes from this page
                    Log.debugf("import %s: %d clients in flight; giving the enumerator up", importId,
                            now.total - now.processed);
                    leases.yieldTurn(lease);
                    return;
                }
            }
            events.enumerated(done);
            if (!leases.finish(lease)) {
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
            if (leases.stuckTooLong(importId)) {
                Log.errorf(e, "import %s: BrightManager unavailable for over %s; the import failed", importId,
                        config.brightManagerGiveUp());
                fail(lease, "BrightManager could not be reached for over " + config.brightManagerGiveUp().toMinutes()
                        + " minutes. Start a new import later; clients not reached were not processed.");
                return;
            }
            Log.errorf(e, "import %s: enumeration interrupted; it resumes from its last page", importId);
            leases.release(lease);
        }
    }

    /** Ends the import FAILED, if this worker still holds it and it still runs, and announces the end. */
    private void fail(Lease lease, String reason) {
        if (leases.fail(lease, reason)) {
            ends.announce();
        }
    }
}
