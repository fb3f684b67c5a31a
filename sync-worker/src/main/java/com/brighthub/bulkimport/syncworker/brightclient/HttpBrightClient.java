package com.brighthub.bulkimport.syncworker.brightclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The real BrightClient adapter over HTTP. Transient failures are retried with exponential backoff and
 * jitter; when nearly every call fails a circuit breaker stops calling for a while (the worker then waits,
 * see {@code ClientSynchroniser}); 4xx answers (but 429) are BrightClient's rejection and come back as
 * an {@link Answer}.
 */
@ApplicationScoped
public class HttpBrightClient implements BrightClientPort {

    @Inject
    @RestClient
    BrightClientApi api;

    @Inject
    MeterRegistry registry;

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 5, delay = 100, jitter = 100, retryOn = {BrightClientUnavailableException.class,
        TimeoutException.class})
    @ExponentialBackoff(maxDelay = 5_000)
    @CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.9, delay = 2_000, successThreshold = 2,
            failOn = BrightClientUnavailableException.class)
    public Answer create(String accountId, String idempotencyKey, BrightClientRecord record) {
        return call("create", () -> api.create(accountId, idempotencyKey, record));
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 5, delay = 100, jitter = 100, retryOn = {BrightClientUnavailableException.class,
        TimeoutException.class})
    @ExponentialBackoff(maxDelay = 5_000)
    @CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.9, delay = 2_000, successThreshold = 2,
            failOn = BrightClientUnavailableException.class)
    public Answer update(String accountId, String brightClientId, BrightClientRecord record) {
        return call("update", () -> api.update(accountId, brightClientId, record));
    }

    private Answer call(String operation, Supplier<Response> request) {
        Timer.Sample sample = Timer.start(registry);
        Response response;
        try {
            response = request.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            count(operation, "unreachable");
            throw new BrightClientUnavailableException("BrightClient is unreachable: " + e.getMessage(), null, e);
        } finally {
            sample.stop(registry.timer("bulkimport.brightclient.latency", "operation", operation));
        }
        int status = response.getStatus();
        count(operation, Integer.toString(status));
        if (status == 429 || status >= 500) {
            throw new BrightClientUnavailableException("BrightClient answered " + status, retryAfter(response), null);
        }
        JsonNode body = response.hasEntity() ? response.readEntity(JsonNode.class) : null;
        if (status >= 400) {
            String message = body == null ? null : body.path("message").asText(null);
            return Answer.rejected(status, message == null ? "BrightClient answered " + status : message);
        }
        String id = body == null ? null : body.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new BrightClientUnavailableException("BrightClient answered " + status + " without an id", null, null);
        }
        return Answer.accepted(id);
    }

    private void count(String operation, String status) {
        registry.counter("bulkimport.brightclient.calls", "operation", operation, "status", status).increment();
    }

    private static Duration retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.min(300, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
