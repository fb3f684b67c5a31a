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
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Brings validated clients into BrightClient: creates unlinked ones with an idempotency key, updates
 * linked ones for saves, and leaves linked ones alone for imports. Different clients go in parallel
 * (bounded), one client's records strictly in order. While BrightClient is unavailable it waits and
 * tries again, so nothing is counted as failed for BrightClient's trouble.
 */
@ApplicationScoped
public class ClientSynchroniser {

    /** How soon a call refused by the open circuit breaker is asked again: when the breaker lets probes through. */
    static final Duration BREAKER_RETRY = Duration.ofMillis(HttpBrightClient.BREAKER_DELAY_MS);

    @Inject
    BrightClientPort brightClient;

    @Inject
    SyncConfig config;

    private volatile ExecutorService pool;

    void stop(@Observes ShutdownEvent event) {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Decides every record of a batch, given the clients' known states; returns decisions in input order. */
    public List<SyncDecision> synchronise(List<ValidationResult> passes, Map<String, ClientState> known) {
        Map<String, List<ValidationResult>> byClient = new LinkedHashMap<>();
        for (ValidationResult r : passes) {
            byClient.computeIfAbsent(r.accountId() + ":" + r.clientId(), k -> new ArrayList<>()).add(r);
        }
        List<Future<List<SyncDecision>>> futures = new ArrayList<>();
        for (Map.Entry<String, List<ValidationResult>> e : byClient.entrySet()) {
            ValidationResult first = e.getValue().get(0);
            ClientState start = known.getOrDefault(e.getKey(), ClientState.unseen(first.accountId(), first.clientId()));
            futures.add(pool().submit(() -> inOrder(e.getValue(), start)));
        }
        Map<ValidationResult, SyncDecision> decided = new java.util.IdentityHashMap<>();
        for (Future<List<SyncDecision>> f : futures) {
            try {
                f.get().forEach(d -> decided.put(d.input(), d));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while synchronising", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("synchronising failed", e.getCause());
            }
        }
        return passes.stream().map(decided::get).toList();
    }

    private List<SyncDecision> inOrder(List<ValidationResult> records, ClientState start) {
        List<SyncDecision> out = new ArrayList<>(records.size());
        ClientState state = start;
        for (ValidationResult r : records) {
            SyncDecision d = untilAnswered(r, state);
            out.add(d);
            state = d.state();
        }
        return out;
    }

    private SyncDecision untilAnswered(ValidationResult r, ClientState state) {
        Duration wait = Duration.ofSeconds(1);
        while (true) {
            try {
                return decide(r, state);
            } catch (CircuitBreakerOpenException e) {
                // the call did not reach BrightClient: the breaker lets a few probes through after its
                // delay and closes on their success, so ask again then, without letting the wait grow
                // (a grown wait kept clients asleep long after BrightClient recovered)
                Log.debugf("BrightClient circuit open for client %s of import %s; asking again in %s", r.clientId(),
                        r.importId(), BREAKER_RETRY);
                pause(BREAKER_RETRY);
            } catch (BrightClientUnavailableException | TimeoutException e) {
                Duration retryAfter = e instanceof BrightClientUnavailableException u ? u.retryAfter() : null;
                Duration pause = retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
                Log.warnf("BrightClient unavailable for client %s of import %s (%s); trying again in %ds",
                        r.clientId(), r.importId(), e.getMessage(), pause.toSeconds());
                pause(pause);
                wait = wait.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for BrightClient", ie);
        }
    }

    private SyncDecision decide(ValidationResult r, ClientState state) {
        if (r.origin() == Origin.SAVE) {
            if (state.isStale(r.recordedAt())) {
                return new SyncDecision(r, SyncOutcome.STALE, state.brightClientId(), null, state);
            }
            SyncDecision d = decideOnce(r, state);
            return new SyncDecision(d.input(), d.outcome(), d.brightClientId(), d.reason(), d.state().savedAt(r.recordedAt()));
        }
        return decideOnce(r, state);
    }

    private SyncDecision decideOnce(ValidationResult r, ClientState state) {
        BrightClientRecord record = BrightClientRecord.from(r.client());
        String type = r.client().type();
        if (state.linked()) {
            return switch (r.origin()) {
                case IMPORT -> r.importId() != null && r.importId().equals(state.linkedByImport())
                        // this import linked it before a crash: report the same outcome again
                        ? new SyncDecision(r, SyncOutcome.IMPORTED, state.brightClientId(), null, state)
                        : new SyncDecision(r, SyncOutcome.ALREADY_LINKED, state.brightClientId(), null, state);
                case SAVE -> update(r, state, record, type);
            };
        }
        BrightClientPort.Answer answer = brightClient.create(r.accountId(), state.idempotencyKey(), record);
        if (answer.accepted()) {
            Log.debugf("client %s of account %s linked to %s", r.clientId(), r.accountId(), answer.id());
            return new SyncDecision(r, SyncOutcome.IMPORTED, answer.id(), null,
                    state.linkedTo(answer.id(), type, r.importId()));
        }
        return new SyncDecision(r, SyncOutcome.REJECTED, null,
                new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, answer.message()), state.rejected());
    }

    private SyncDecision update(ValidationResult r, ClientState state, BrightClientRecord record, String type) {
        if (state.clientType() != null && !state.clientType().equals(type)) {
            return new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                    new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, "The client type cannot change once synced (it is "
                            + state.clientType() + " in BrightClient); the change was not applied"), state);
        }
        BrightClientPort.Answer answer = brightClient.update(r.accountId(), state.brightClientId(), record);
        if (answer.accepted()) {
            return new SyncDecision(r, SyncOutcome.UPDATED, state.brightClientId(), null, state.withType(type));
        }
        return new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, answer.message()), state);
    }

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
                        Thread t = new Thread(r, "brightclient-sync");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return pool;
    }
}
