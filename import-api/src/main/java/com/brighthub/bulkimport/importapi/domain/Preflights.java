package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerUnavailableException;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs pre-flights off the request threads: a pre-flight lists the whole BrightManager account, which
 * for a large practice takes minutes, so a request starts it (or finds it running) and waits only a
 * moment; until it is done the answer is its progress. A finished pre-flight is the account's answer for
 * a short while, so repeated requests – a page polling, a user pressing again – cost BrightManager
 * nothing; and at most {@code import.preflight.concurrency} run at once on this instance, so pre-flights
 * cannot be used to overload BrightManager or this service.
 */
@ApplicationScoped
public class Preflights {

    /** One account's pre-flight: running (with clients checked so far) or done. */
    public static final class Run {
        final CompletableFuture<Preflight.Result> result = new CompletableFuture<>();
        final AtomicLong checked = new AtomicLong();
        final Instant started = Instant.now();
        volatile Instant finished;

        public CompletableFuture<Preflight.Result> result() {
            return result;
        }

        public long checked() {
            return checked.get();
        }

        public Instant started() {
            return started;
        }
    }

    @Inject
    Preflight preflight;

    @Inject
    ImportConfig config;

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicLong running = new AtomicLong();
    private ExecutorService workers;

    @PostConstruct
    void start() {
        workers = Executors.newFixedThreadPool(config.preflight().concurrency(), r -> {
            Thread t = new Thread(r, "preflight");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /**
     * The account's pre-flight: a fresh finished one, the one running, or a new one – unless this instance
     * already runs as many as it may (503 {@code PREFLIGHT_BUSY}, with a time to try again).
     */
    public Run of(String accountId) {
        Instant now = Instant.now();
        runs.values().removeIf(r -> r.finished != null && r.finished.plus(config.preflight().reuseFor()).isBefore(now));
        Run existing = runs.get(accountId);
        if (existing != null && !(existing.result.isCompletedExceptionally())) {
            return existing;
        }
        if (existing != null) {
            runs.remove(accountId, existing);
        }
        synchronized (this) {
            Run again = runs.get(accountId);
            if (again != null) {
                return again;
            }
            if (running.get() >= config.preflight().concurrency()) {
                throw new ApiException(ApiError.PREFLIGHT_BUSY, "Too many pre-flights are running just now;"
                        + " please try again in a few seconds", Map.of("retryAfterSeconds", 5));
            }
            Run run = new Run();
            runs.put(accountId, run);
            running.incrementAndGet();
            workers.execute(() -> execute(accountId, run));
            return run;
        }
    }

    /**
     * Forgets the account's finished pre-flight: once an import starts, what it said about linked clients is
     * out of date, and the next pre-flight – a re-run's – must see the import's links.
     */
    public void forget(String accountId) {
        runs.computeIfPresent(accountId, (account, run) -> run.finished != null ? null : run);
    }

    private void execute(String accountId, Run run) {
        try {
            run.result.complete(preflight.check(accountId, run.checked::set));
        } catch (BrightManagerUnavailableException | org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                | org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException e) {
            Log.warnf("pre-flight of %s: BrightManager unavailable (%s)", accountId, e.getMessage());
            run.result.completeExceptionally(new ApiException(ApiError.BRIGHTMANAGER_UNAVAILABLE,
                    "BrightManager cannot be reached just now; please try again in a few minutes"));
        } catch (ApiException e) {
            run.result.completeExceptionally(e);
        } catch (RuntimeException e) {
            Log.errorf(e, "pre-flight of %s failed", accountId);
            run.result.completeExceptionally(new ApiException(ApiError.PREFLIGHT_FAILED,
                    "The pre-flight could not be completed just now; please try again in a few minutes"));
        } finally {
            run.finished = Instant.now();
            running.decrementAndGet();
        }
    }
}
