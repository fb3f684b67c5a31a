package com.brighthub.bulkimport.syncworker.domain;

import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientRecord;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientUnavailableException;
import com.brighthub.bulkimport.syncworker.brightclient.HttpBrightClient;
import com.brighthub.bulkimport.syncworker.config.SyncConfig;
import com.brighthub.bulkimport.syncworker.persistence.ClientSyncStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Brings validated clients into BrightClient: creates unlinked ones with an idempotency key, updates
 * linked ones for saves, and leaves linked ones alone for imports. Different clients go in parallel (at
 * most {@code sync.concurrency} in flight), one client's records strictly in order. While BrightClient
 * is unavailable it waits and tries again, so nothing is counted as failed for BrightClient's trouble;
 * only one record that BrightClient keeps failing while it answers others is given up, past a bound
 * ({@code sync.unavailable-record}), as a {@code BRIGHTCLIENT_UNAVAILABLE} failure, so that its batch
 * and partition move on.
 *
 * <p>Nothing here blocks but the caller, until its batch is decided: calls, retries and waits are
 * stages and timers, not threads. Every client's work runs on one event loop of the synchroniser's own:
 * started from the Kafka batch's worker thread, each step of every call (and fault tolerance's
 * completions) would be handed back to worker threads, which cost more CPU than the calls themselves.
 */
@ApplicationScoped
public class ClientSynchroniser {

    /** How soon a call refused by the open circuit breaker is asked again: when the breaker lets probes through. */
    static final Duration BREAKER_RETRY = Duration.ofMillis(HttpBrightClient.BREAKER_DELAY_MS);

    @Inject
    BrightClientPort brightClient;

    @Inject
    SyncConfig config;

    @Inject
    com.brighthub.bulkimport.syncworker.persistence.ImportStatuses statuses;

    @Inject
    Vertx vertx;

    private volatile boolean stopping;

    /** One record's failed attempts so far (5xx and timeouts; throttling and an open breaker do not count). */
    private static final class Failures {
        int count;
        long first;
    }

    /**
     * A create BrightClient accepted, per account: sent again with its own idempotency key it creates
     * nothing and returns the same record, so it tells whether BrightClient serves the account now.
     */
    private record Probe(String accountId, String idempotencyKey, BrightClientRecord record) {
    }

    private final Map<String, Probe> probes = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Probe> eldest) {
                    return size() > 10_000;
                }
            });

    /** Runs work on the synchroniser's own event loop. */
    private Executor onLoop;

    /** A verticle, for its event-loop context. */
    private static final class Loop extends AbstractVerticle {
        Context context() {
            return context;
        }
    }

    @PostConstruct
    void deployLoop() {
        Loop verticle = new Loop();
        try {
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the synchroniser's event loop", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot start the synchroniser's event loop", e);
        }
        Context loop = verticle.context();
        onLoop = task -> loop.runOnContext(v -> task.run());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Decides every record of a batch, given the clients' known states; returns decisions in input order. */
    public List<SyncDecision> synchronise(List<ValidationResult> passes, Map<String, ClientState> known) {
        Map<String, List<ValidationResult>> byClient = new LinkedHashMap<>();
        for (ValidationResult r : passes) {
            byClient.computeIfAbsent(ClientSyncStore.key(r.accountId(), r.clientId()), k -> new ArrayList<>()).add(r);
        }
        Semaphore inFlight = new Semaphore(config.concurrency());
        List<CompletableFuture<List<SyncDecision>>> clients = new ArrayList<>(byClient.size());
        try {
            for (Map.Entry<String, List<ValidationResult>> e : byClient.entrySet()) {
                ValidationResult first = e.getValue().get(0);
                ClientState start = known.getOrDefault(e.getKey(), ClientState.unseen(first.accountId(), first.clientId()));
                inFlight.acquire();
                CompletableFuture<List<SyncDecision>> decided = CompletableFuture
                        .supplyAsync(() -> inOrder(e.getValue(), start), onLoop)
                        .thenCompose(Function.identity());
                decided.whenComplete((d, failure) -> inFlight.release());
                clients.add(decided);
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while synchronising", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("synchronising failed", unwrap(e.getCause()));
        }
        Map<ValidationResult, SyncDecision> decided = new IdentityHashMap<>();
        clients.forEach(f -> f.join().forEach(d -> decided.put(d.input(), d)));
        return passes.stream().map(decided::get).toList();
    }

    /** One client's records, each decided on the state the one before it left. */
    private CompletableFuture<List<SyncDecision>> inOrder(List<ValidationResult> records, ClientState start) {
        List<SyncDecision> out = new ArrayList<>(records.size());
        CompletableFuture<ClientState> state = CompletableFuture.completedFuture(start);
        for (ValidationResult r : records) {
            state = state.thenCompose(s -> untilAnswered(r, s)).thenApply(d -> {
                out.add(d);
                return d.state();
            });
        }
        return state.thenApply(last -> out);
    }

    private CompletableFuture<SyncDecision> untilAnswered(ValidationResult r, ClientState state) {
        CompletableFuture<SyncDecision> answered = new CompletableFuture<>();
        attempt(r, state, Duration.ofSeconds(1), new Failures(), answered);
        return answered;
    }

    private void attempt(ValidationResult r, ClientState state, Duration wait, Failures failures,
            CompletableFuture<SyncDecision> answered) {
        if (stopping) {
            answered.completeExceptionally(new IllegalStateException("sync-worker is shutting down"));
            return;
        }
        CompletionStage<SyncDecision> decision;
        try {
            decision = decide(r, state);
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        decision.whenComplete((d, failure) -> {
            if (failure == null) {
                answered.complete(d);
                return;
            }
            Throwable cause = unwrap(failure);
            Duration pause;
            Duration next = wait;
            if (cause instanceof CircuitBreakerOpenException) {
                // the call did not reach BrightClient: the breaker lets a few probes through after its
                // delay and closes on their success, so ask again then, without letting the wait grow
                // (a grown wait kept clients asleep long after BrightClient recovered)
                Log.debugf("BrightClient circuit open for client %s of import %s; asking again in %s", r.clientId(),
                        r.importId(), BREAKER_RETRY);
                pause = BREAKER_RETRY;
            } else if (cause instanceof BrightClientUnavailableException || cause instanceof TimeoutException) {
                Duration retryAfter = cause instanceof BrightClientUnavailableException u ? u.retryAfter() : null;
                boolean throttled = cause instanceof BrightClientUnavailableException u && u.throttled();
                pause = retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
                if (!throttled && boundSpent(failures)) {
                    Duration then = wait.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                            : wait.multipliedBy(2);
                    Duration after = pause;
                    probeThenGiveUp(r, state, failures, cause, answered,
                            () -> vertx.setTimer(Math.max(1, after.toMillis()),
                                    id -> onLoop.execute(() -> attempt(r, state, then, failures, answered))));
                    return;
                }
                Log.warnf("BrightClient unavailable for client %s of import %s (%s); trying again in %ds",
                        r.clientId(), r.importId(), cause.getMessage(), pause.toSeconds());
                next = wait.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait.multipliedBy(2);
            } else {
                answered.completeExceptionally(cause);
                return;
            }
            Duration then = next;
            vertx.setTimer(Math.max(1, pause.toMillis()),
                    id -> onLoop.execute(() -> attempt(r, state, then, failures, answered)));
        });
    }

    /** Counts one more failure of this record; true once both its attempts and its time are spent. */
    private boolean boundSpent(Failures failures) {
        long now = System.nanoTime();
        if (failures.count++ == 0) {
            failures.first = now;
        }
        return failures.count >= config.unavailableRecord().attempts()
                && Duration.ofNanos(now - failures.first).compareTo(config.unavailableRecord().after()) >= 0;
    }

    /**
     * The bound of a failing record is spent: asks BrightClient, with a create of the account it already
     * took (same idempotency key: nothing is created), whether it serves the account now. If it answers,
     * it is this one record BrightClient cannot take: the record becomes a {@code BRIGHTCLIENT_UNAVAILABLE}
     * failure and its batch moves on. If the probe fails too, BrightClient is down – an outage never fails
     * a record – and {@code orElse} tries the record again. Without an earlier create of the account to
     * probe with (a lone save), the record waits as in an outage. The state is kept, so a later save or
     * import retries the record's create with the same idempotency key (a failed create may have happened).
     */
    private void probeThenGiveUp(ValidationResult r, ClientState state, Failures failures, Throwable cause,
            CompletableFuture<SyncDecision> answered, Runnable orElse) {
        Probe probe = probes.get(r.accountId());
        CompletionStage<BrightClientPort.Answer> call = null;
        if (probe != null) {
            try {
                call = brightClient.create(probe.accountId(), probe.idempotencyKey(), probe.record());
            } catch (RuntimeException e) {
                call = null;
            }
        }
        if (call == null) {
            orElse.run();
            return;
        }
        call.whenComplete((served, failure) -> onLoop.execute(() -> {
            if (failure != null || served == null) {
                orElse.run();
                return;
            }
            Duration failingFor = Duration.ofNanos(System.nanoTime() - failures.first);
            Log.warnf("giving up client %s of account %s (import %s): %d attempts over %ds failed (%s) while BrightClient"
                    + " served the account", r.clientId(), r.accountId(), r.importId(), failures.count,
                    failingFor.toSeconds(), cause.getMessage());
            answered.complete(new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                    new Reason(ReasonCode.BRIGHTCLIENT_UNAVAILABLE, "BrightClient kept failing for this record ("
                            + failures.count + " attempts over " + failingFor.toSeconds() + " s, last: "
                            + cause.getMessage() + ") while it took the practice's other records"), state));
        }));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private CompletionStage<SyncDecision> decide(ValidationResult r, ClientState state) {
        if (r.origin() == Origin.SAVE) {
            if (state.isStale(r.recordedAt())) {
                return CompletableFuture.completedFuture(new SyncDecision(r, SyncOutcome.STALE, state.brightClientId(),
                        null, state));
            }
            return decideOnce(r, state).thenApply(d -> new SyncDecision(d.input(), d.outcome(), d.brightClientId(),
                    d.reason(), d.state().savedAt(r.recordedAt())));
        }
        return decideOnce(r, state);
    }

    private CompletionStage<SyncDecision> decideOnce(ValidationResult r, ClientState state) {
        BrightClientRecord record = BrightClientRecord.from(r.client());
        String type = r.client().type();
        if (state.linked()) {
            return switch (r.origin()) {
                case IMPORT -> CompletableFuture.completedFuture(r.importId() != null
                        && r.importId().equals(state.linkedByImport())
                        // this import linked it before a crash: report the same outcome again
                        ? new SyncDecision(r, SyncOutcome.IMPORTED, state.brightClientId(), null, state)
                        : new SyncDecision(r, SyncOutcome.ALREADY_LINKED, state.brightClientId(), null, state));
                case SAVE -> update(r, state, record, type);
            };
        }
        if (r.origin() == Origin.IMPORT && statuses.cancelled(r.importId())) {
            // asked before every attempt: once the cancel is acknowledged, nothing more of the import is sent
            return CompletableFuture.completedFuture(new SyncDecision(r, SyncOutcome.SKIPPED, null, null, state));
        }
        return brightClient.create(r.accountId(), state.idempotencyKey(), record).thenApply(answer -> {
            if (answer.accepted()) {
                probes.put(r.accountId(), new Probe(r.accountId(), state.idempotencyKey(), record));
                Log.debugf("client %s of account %s linked to %s", r.clientId(), r.accountId(), answer.id());
                return new SyncDecision(r, SyncOutcome.IMPORTED, answer.id(), null,
                        state.linkedTo(answer.id(), type, r.importId()));
            }
            return new SyncDecision(r, SyncOutcome.REJECTED, null,
                    new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, answer.message()), state.rejected());
        });
    }

    private CompletionStage<SyncDecision> update(ValidationResult r, ClientState state, BrightClientRecord record,
            String type) {
        if (state.clientType() != null && !state.clientType().equals(type)) {
            return CompletableFuture.completedFuture(new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                    new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, "The client type cannot change once synced (it is "
                            + state.clientType() + " in BrightClient); the change was not applied"), state));
        }
        return brightClient.update(r.accountId(), state.brightClientId(), record).thenApply(answer -> answer.accepted()
                ? new SyncDecision(r, SyncOutcome.UPDATED, state.brightClientId(), null, state.withType(type))
                : new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                        new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, answer.message()), state));
    }
}
