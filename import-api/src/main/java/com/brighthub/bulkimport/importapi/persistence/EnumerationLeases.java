package com.brighthub.bulkimport.importapi.persistence;

import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The enumeration leases of imports in PostgreSQL, each call its own transaction. The lease is fenced:
 * every claim raises the import's {@code lease_epoch}, and every commit (and every page before it is
 * sent) checks that the epoch is still the one the worker claimed and that the import still runs.
 */
@ApplicationScoped
public class EnumerationLeases {

    private final EntityManager em;
    private final ImportConfig config;

    public EnumerationLeases(EntityManager em, ImportConfig config) {
        this.em = em;
        this.config = config;
    }

    /** A claimed enumeration: the import and the epoch its worker holds it under. */
    public record Lease(String importId, long epoch) {
    }

    /**
     * Claims the import that has waited longest for enumerating, if any, for {@code owner}: never claimed
     * first, in the order they started, then those that gave their turn up longest ago. An import with
     * {@code bulk-import.max-in-flight} clients in the pipeline waits until they are fewer.
     */
    public Optional<Lease> claim(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ImportRun> candidates = em.createQuery("""
                            from ImportRun where enumerationDone = false and status = :running
                              and (leaseUntil is null or leaseUntil < :now)
                              and total - processed < :maxInFlight
                            order by leaseUntil asc nulls first, startedAt""", ImportRun.class)
                    .setParameter("running", ImportStatus.RUNNING)
                    .setParameter("now", Instant.now())
                    .setParameter("maxInFlight", config.maxInFlight())
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

    /** True while this worker's epoch is the import's and the import still runs. */
    public boolean holds(Lease lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportRun run = ImportRun.findById(lease.importId());
            return run != null && run.leaseEpoch == lease.epoch() && run.status == ImportStatus.RUNNING;
        });
    }

    /**
     * Commits a page: cursor and counts together, and only while this instance holds the lease; returns
     * the run as committed, or empty when the lease was lost.
     */
    public Optional<ImportRun> advance(Lease lease, String nextCursor, int seen, int linked, int emitted,
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

    /** Marks the enumeration done, if this worker still holds it; false when the lease was lost. */
    public boolean finish(Lease lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ImportRun r = em.find(ImportRun.class, lease.importId(), LockModeType.PESSIMISTIC_WRITE);
            if (r.leaseEpoch != lease.epoch()) {
                return false;
            }
            r.enumerationDone = true;
            r.leaseOwner = null;
            r.leaseUntil = null;
            return true;
        });
    }

    /** Ends the import FAILED, if this worker still holds it and it still runs; true when it did. */
    public boolean fail(Lease lease, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> {
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
    }

    public void release(Lease lease) {
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

    /**
     * Gives the import's turn up, if this worker still holds it: its clients in flight reached the bound.
     * Any instance takes it up again once they are below it, after the imports waiting longer.
     */
    public void yieldTurn(Lease lease) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportRun run = em.find(ImportRun.class, lease.importId(), LockModeType.PESSIMISTIC_WRITE);
            if (run != null && run.leaseEpoch == lease.epoch()) {
                run.leaseOwner = null;
                run.leaseUntil = Instant.now();
            }
        });
    }

    /** True when the import has made no progress at all for longer than BrightManager is given. */
    public boolean stuckTooLong(String importId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                ImportRun run = ImportRun.findById(importId);
                return run != null && run.lastActivityAt.plus(config.brightManagerGiveUp()).isBefore(Instant.now());
            });
        } catch (RuntimeException e) {
            return false;
        }
    }
}
