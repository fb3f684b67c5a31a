package com.brighthub.bulkimport.syncworker.domain;

import com.brighthub.bulkimport.common.calls.CallPolicy;
import com.brighthub.bulkimport.common.calls.NeighbourCalls;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientRecord;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientThrottledException;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientUnavailableException;
import com.brighthub.bulkimport.syncworker.config.SyncConfig;
import com.brighthub.bulkimport.syncworker.persistence.ClientState;
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

    @Inject
    BrightClientPort brightClient;

    @Inject
    SyncConfig config;

    @Inject
    NeighbourCalls calls;

    /**
     * How soon a call refused by the open circuit breaker is asked again: when the breaker lets trial calls
     * through. Also how long one probe's answer about an account stands ({@link AccountProbes}).
     */
    private Duration breakerRetry;

    @Inject
    com.brighthub.bulkimport.syncworker.persistence.ImportStatuses statuses;

    @Inject
    Vertx vertx;

    private volatile boolean stopping;

    /** Whether BrightClient serves an account now: the probe that tells one failing record from an outage. */
    private final AccountProbes probes = new AccountProbes();

    /** The practices BrightClient throttles: each waits alone, and a long spell defers its records. */
    private AccountThrottles throttles;

    /**
     * How one batch's records treat a throttled practice: the bulk lanes (imports, saves) defer the records
     * of a practice throttled for long; the deferred lane waits for it, up to {@code deferredWait} a pass.
     */
    public enum Lane {
        BULK, DEFERRED
    }

    /** A record's way through one batch: its lane, and when its first attempt began. */
    private record Pass(Lane lane, long startedNanos) {
    }

    /** A wait for a throttled practice's {@code Retry-After}, without a call: nothing new from BrightClient. */
    private static final class StillThrottled extends BrightClientThrottledException {
        StillThrottled(Duration wait) {
            super("BrightClient still limits the practice's calls", wait);
        }
    }

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
        breakerRetry = calls.brightclient().breaker().map(CallPolicy.Breaker::delay).orElse(Duration.ofSeconds(2));
        throttles = new AccountThrottles(config.throttled().deferAfter(), config.throttled().calm());
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

    /**
     * Decides every record of a batch, given the clients' known states; returns decisions in input order. A
     * record of a practice BrightClient throttles may be decided {@linkplain SyncDecision#deferred() deferred}.
     */
    public List<SyncDecision> synchronise(List<ValidationResult> passes, Map<com.brighthub.bulkimport.model.ClientKey, ClientState> known,
            Lane lane) {
        Map<com.brighthub.bulkimport.model.ClientKey, List<ValidationResult>> byClient = new LinkedHashMap<>();
        for (ValidationResult r : passes) {
            byClient.computeIfAbsent(com.brighthub.bulkimport.model.ClientKey.of(r.accountId(), r.clientId()), k -> new ArrayList<>()).add(r);
        }
        Semaphore inFlight = new Semaphore(config.concurrency());
        List<CompletableFuture<List<SyncDecision>>> clients = new ArrayList<>(byClient.size());
        try {
            for (Map.Entry<com.brighthub.bulkimport.model.ClientKey, List<ValidationResult>> e : byClient.entrySet()) {
                ValidationResult first = e.getValue().get(0);
                ClientState start = known.getOrDefault(e.getKey(), ClientState.unseen(first.accountId(), first.clientId()));
                inFlight.acquire();
                CompletableFuture<List<SyncDecision>> decided = CompletableFuture
                        .supplyAsync(() -> inOrder(e.getValue(), start, lane), onLoop)
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
    private CompletableFuture<List<SyncDecision>> inOrder(List<ValidationResult> records, ClientState start, Lane lane) {
        List<SyncDecision> out = new ArrayList<>(records.size());
        CompletableFuture<ClientState> state = CompletableFuture.completedFuture(start);
        for (ValidationResult r : records) {
            state = state.thenCompose(s -> untilAnswered(r, s, lane)).thenApply(d -> {
                out.add(d);
                return d.state();
            });
        }
        return state.thenApply(last -> out);
    }

    private CompletableFuture<SyncDecision> untilAnswered(ValidationResult r, ClientState state, Lane lane) {
        CompletableFuture<SyncDecision> answered = new CompletableFuture<>();
        attempt(r, state, new Backoff(config.maxBackoff(), config.unavailableRecord().attempts(),
                config.unavailableRecord().after()), new Pass(lane, System.nanoTime()), answered);
        return answered;
    }

    private void attempt(ValidationResult r, ClientState state, Backoff backoff, Pass pass,
            CompletableFuture<SyncDecision> answered) {
        if (stopping) {
            answered.completeExceptionally(new IllegalStateException("sync-worker is shutting down"));
            return;
        }
        decide(r, state, brightClient, pass.lane()).whenComplete((d, failure) -> {
            if (failure == null) {
                answered.complete(d);
                return;
            }
            Throwable cause = unwrap(failure);
            Runnable again = () -> attempt(r, state, backoff, pass, answered);
            if (cause instanceof CircuitBreakerOpenException) {
                // the call did not reach BrightClient: the breaker lets a few trial calls through after its
                // delay and closes on their success, so ask again then, without letting the wait grow
                // (a grown wait kept clients asleep long after BrightClient recovered)
                if (backoff.timeSpent(System.nanoTime())) {
                    // but this record has failed on its own for as long as its bound allows, and its own
                    // failures may be what holds the breaker open (nothing else being sent): it would never
                    // reach its attempts. Its last attempt goes around the breaker.
                    lastAttempt(r, state, backoff, answered, () -> after(breakerRetry, again));
                    return;
                }
                Log.debugf("BrightClient circuit open for client %s of import %s; asking again in %s", r.clientId(),
                        r.importId(), breakerRetry);
                after(breakerRetry, again);
            } else if (cause instanceof BrightClientThrottledException throttled) {
                throttledWait(r, state, pass, throttled, answered, again);
            } else if (cause instanceof BrightClientUnavailableException || cause instanceof TimeoutException) {
                Duration pause = backoff.pause(cause instanceof BrightClientUnavailableException u ? u.retryAfter() : null);
                if (failedByBrightClient(cause) && backoff.failedAndSpent(System.nanoTime())) {
                    lastAttempt(r, state, backoff, answered, () -> after(pause, again));
                    return;
                }
                Log.warnf("BrightClient unavailable for client %s of import %s (%s); trying again in %ds",
                        r.clientId(), r.importId(), cause.getMessage(), pause.toSeconds());
                after(pause, again);
            } else {
                answered.completeExceptionally(cause);
            }
        });
    }

    /**
     * BrightClient throttles the record's practice (or did, and its wait is not over): the record waits for
     * the practice alone, calling nothing meanwhile. In a bulk lane, once the practice has been throttled for
     * long, the record is deferred instead, and its batch moves on; in the deferred lane it waits up to
     * {@code deferredWait} a pass, then is deferred again.
     */
    private void throttledWait(ValidationResult r, ClientState state, Pass pass, BrightClientThrottledException throttled,
            CompletableFuture<SyncDecision> answered, Runnable again) {
        long now = System.nanoTime();
        if (!(throttled instanceof StillThrottled)) {
            throttles.throttled(r.accountId(), now, throttled.retryAfter() == null ? Backoff.FIRST : throttled.retryAfter());
        }
        long wait = Math.max(throttles.waitNanos(r.accountId(), now), TimeUnit.MILLISECONDS.toNanos(1));
        boolean defer = pass.lane() == Lane.BULK ? throttles.limited(r.accountId(), now)
                : now + wait - pass.startedNanos() > config.throttled().deferredWait().toNanos();
        if (defer) {
            Log.debugf("BrightClient throttles account %s: client %s of import %s deferred", r.accountId(), r.clientId(),
                    r.importId());
            answered.complete(SyncRules.deferred(r, state));
        } else {
            after(Duration.ofNanos(wait), again);
        }
    }

    /** Runs {@code task} on the synchroniser's loop after {@code pause}. */
    private void after(Duration pause, Runnable task) {
        vertx.setTimer(Math.max(1, pause.toMillis()), id -> onLoop.execute(task));
    }

    /**
     * Asks BrightClient, with a create of the account it already took (same idempotency key: nothing is
     * created), whether it serves the account now: {@code served} runs if it answers, {@code orElse} if the
     * probe fails too – BrightClient is down, and an outage never fails a record – or if there is no earlier
     * create of the account to probe with (a lone save), which then waits as in an outage. Only a probe asked
     * at {@code sinceNanos} or later answers.
     */
    private void ifServedSince(String accountId, long sinceNanos, Runnable served, Runnable orElse) {
        probes.served(accountId, brightClient.aroundBreaker(), System.nanoTime(), breakerRetry, sinceNanos)
                .thenAccept(yes -> onLoop.execute(yes ? served : orElse));
    }

    /**
     * The record has failed on its own for as long as its bound allows. It is given up only if it fails
     * between two answers of BrightClient for its account: a probe asked after its last failure answers,
     * its last attempt (around the circuit breaker, which its own failures may hold open) fails as before,
     * and a probe asked after that answers too. An outage that begins or ends between these is never the
     * record's fault, so then, as for a throttled answer, it waits with {@code orElse}; a success is its
     * decision.
     */
    private void lastAttempt(ValidationResult r, ClientState state, Backoff backoff, CompletableFuture<SyncDecision> answered,
            Runnable orElse) {
        ifServedSince(r.accountId(), backoff.lastFailureNanos(), () -> {
            Log.infof("client %s of import %s: after %d failures of its own over %ds, while BrightClient serves the"
                    + " account; its last attempt goes around the circuit breaker", r.clientId(), r.importId(),
                    backoff.failures(), backoff.failingFor(System.nanoTime()).toSeconds());
            decide(r, state, brightClient.aroundBreaker(), Lane.DEFERRED).whenComplete((d, failure) -> onLoop.execute(() -> {
                Throwable cause = failure == null ? null : unwrap(failure);
                if (cause == null) {
                    answered.complete(d);
                } else if (failedByBrightClient(cause)) {
                    backoff.failedAndSpent(System.nanoTime());
                    ifServedSince(r.accountId(), backoff.lastFailureNanos(),
                            () -> giveUp(r, state, backoff, cause, answered), orElse);
                } else if (cause instanceof BrightClientUnavailableException) {
                    orElse.run();
                } else {
                    answered.completeExceptionally(cause);
                }
            }));
        }, orElse);
    }

    /**
     * The record becomes a {@code BRIGHTCLIENT_UNAVAILABLE} failure and its batch moves on. The state is
     * kept, so a later save or import retries the record's create with the same idempotency key (a failed
     * create may have happened).
     */
    private void giveUp(ValidationResult r, ClientState state, Backoff backoff, Throwable cause,
            CompletableFuture<SyncDecision> answered) {
        Duration failingFor = backoff.failingFor(System.nanoTime());
        Log.warnf("giving up client %s of account %s (import %s): %d attempts over %ds failed (%s) while BrightClient"
                + " served the account", r.clientId(), r.accountId(), r.importId(), backoff.failures(),
                failingFor.toSeconds(), cause.getMessage());
        answered.complete(SyncRules.givenUp(r, state, backoff.failures(), failingFor, cause.getMessage()));
    }

    /**
     * BrightClient failed the record's call (5xx, unreachable, timed out): a failure that counts towards the
     * record's bound. A 429 only limits calls and never does.
     */
    private static boolean failedByBrightClient(Throwable cause) {
        return cause instanceof BrightClientUnavailableException u ? !u.throttled() : cause instanceof TimeoutException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The record's next step, made through {@code brightClient}; a failure to make it fails the stage. A step
     * that needs BrightClient waits instead while BrightClient throttles the practice, and in a bulk lane
     * while the practice's throttled spell lasts (to be deferred).
     */
    private CompletionStage<SyncDecision> decide(ValidationResult r, ClientState state, BrightClientPort brightClient,
            Lane lane) {
        try {
            return step(r, state, brightClient, lane);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<SyncDecision> step(ValidationResult r, ClientState state, BrightClientPort brightClient,
            Lane lane) {
        SyncRules.Step step = SyncRules.next(r, state, statuses::cancelled);
        if (step instanceof SyncRules.Decided decided) {
            return CompletableFuture.completedFuture(decided.decision());
        }
        long now = System.nanoTime();
        long throttled = throttles.waitNanos(r.accountId(), now);
        if (throttled > 0 || lane == Lane.BULK && throttles.limited(r.accountId(), now)) {
            return CompletableFuture.failedFuture(new StillThrottled(Duration.ofNanos(throttled)));
        }
        if (step instanceof SyncRules.Update update) {
            return brightClient.update(r.accountId(), update.brightClientId(), update.record())
                    .thenApply(answer -> SyncRules.updated(r, state, answer));
        }
        SyncRules.Create create = (SyncRules.Create) step;
        return brightClient.create(r.accountId(), create.idempotencyKey(), create.record()).thenApply(answer -> {
            if (answer.accepted()) {
                probes.accepted(r.accountId(), create.idempotencyKey(), create.record());
                Log.debugf("client %s of account %s linked to %s", r.clientId(), r.accountId(), answer.id());
            }
            return SyncRules.created(r, state, answer);
        });
    }
}
