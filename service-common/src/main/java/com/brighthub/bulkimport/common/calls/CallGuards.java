package com.brighthub.bulkimport.common.calls;

import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Makes a {@link CallPolicy} a SmallRye Fault Tolerance {@link Guard}: the one implementation of the
 * policy, for every neighbour. A guard's call returning a {@code CompletionStage} is guarded without
 * blocking a thread (timers, no offload). Build a guard once and keep it: a circuit breaker's state lives
 * in its guard.
 */
public final class CallGuards {

    private CallGuards() {
    }

    /**
     * The policy's timeout and retries and, with {@code breaker}, its circuit breaker (where it has one).
     *
     * @param transientFailure the adapter's exception for a failure worth retrying (with the timeout's)
     */
    public static Guard guard(String description, CallPolicy policy, Class<? extends Throwable> transientFailure,
            boolean breaker) {
        return guard(description, policy, transientFailure, null, breaker);
    }

    /**
     * The same, where the neighbour also limits calls: {@code limiting} (possibly a subclass of
     * {@code transientFailure}) is the neighbour asking the caller to slow down, which is neither retried at
     * once nor counted by the breaker; the caller waits as the neighbour asked.
     */
    public static Guard guard(String description, CallPolicy policy, Class<? extends Throwable> transientFailure,
            Class<? extends Throwable> limiting, boolean breaker) {
        List<Class<? extends Throwable>> transientFailures = List.of(transientFailure, TimeoutException.class);
        Guard.Builder builder = Guard.create().withDescription(description)
                .withTimeout().duration(policy.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry()
                .maxRetries(policy.retries())
                .delay(policy.firstDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(policy.jitter().toMillis(), ChronoUnit.MILLIS)
                .retryOn(transientFailures)
                .abortOn(limiting == null ? List.of() : List.of(limiting))
                .withExponentialBackoff().maxDelay(policy.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .withThreadOffload(false);
        if (breaker) {
            policy.breaker().ifPresent(b -> builder.withCircuitBreaker()
                    .requestVolumeThreshold(b.window())
                    .failureRatio(b.failureRatio())
                    .delay(b.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(b.successThreshold())
                    .failOn(transientFailures)
                    .skipOn(limiting == null ? List.of() : List.of(limiting))
                    .done());
        }
        return builder.build();
    }
}
