package com.brighthub.bulkimport.syncworker.brightclient;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.syncworker.config.SyncConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * BrightClient over HTTP, one call at a time: what is sent, and how each answer comes back – 429, 5xx and
 * an unreachable BrightClient as {@link BrightClientUnavailableException}, any other 4xx as a rejected
 * {@link Answer}. The retries and the circuit breaker are {@link GuardedBrightClient}'s, which the rest of
 * sync-worker calls; this class is its transport (typed as itself only, so it is never injected as the port).
 *
 * <p>It calls through Vert.x's HTTP client with a keep-alive pool of {@code sync.concurrency}
 * connections: one call per client is sync-worker's whole job, and this client costs far less CPU per
 * call than a generated REST client. Calls are non-blocking: no thread waits for an answer, and a call's
 * callbacks run on the Vert.x context it was made on (see {@code ClientSynchroniser}, which makes them on
 * an event loop of its own).
 */
@ApplicationScoped
@Typed(HttpBrightClient.class)
public class HttpBrightClient implements BrightClientPort {

    @Inject
    Vertx vertx;

    @Inject
    SyncConfig config;

    @Inject
    MeterRegistry registry;

    private HttpClient http;
    private String basePath;
    private long idleTimeoutMs;

    @PostConstruct
    void connect() {
        URI url = URI.create(config.brightClient().url());
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        idleTimeoutMs = config.brightClient().readTimeout().toMillis();
        basePath = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort() > 0 ? url.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setKeepAlive(true)
                .setMaxPoolSize(config.concurrency())
                .setConnectTimeout((int) config.brightClient().connectTimeout().toMillis()));
    }

    void close(@Observes ShutdownEvent event) {
        if (http != null) {
            http.close();
        }
    }

    @Override
    public CompletionStage<Answer> create(String accountId, String idempotencyKey, BrightClientRecord record) {
        return call("create", HttpMethod.POST, "/brightclient/accounts/" + segment(accountId) + "/clients",
                idempotencyKey, record);
    }

    @Override
    public CompletionStage<Answer> update(String accountId, String brightClientId, BrightClientRecord record) {
        return call("update", HttpMethod.PUT, "/brightclient/accounts/" + segment(accountId) + "/clients/"
                + segment(brightClientId), null, record);
    }

    /** The status, Retry-After header and body of one answer. */
    private record Reply(int status, String retryAfter, Buffer body) {
    }

    /**
     * One call; the stage fails with the unwrapped {@link BrightClientUnavailableException}, which is
     * what the guard's retry and circuit breaker match on.
     */
    private CompletionStage<Answer> call(String operation, HttpMethod method, String path, String idempotencyKey,
            BrightClientRecord record) {
        RequestOptions request = new RequestOptions().setMethod(method).setURI(basePath + path)
                .setIdleTimeout(idleTimeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        Buffer body = Buffer.buffer(Json.write(record));
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        http.request(request)
                .compose(r -> r.send(body))
                .compose(response -> response.body()
                        .map(b -> new Reply(response.statusCode(), response.getHeader("Retry-After"), b)))
                .onComplete(result -> {
                    sample.stop(registry.timer("bulkimport.brightclient.latency", "operation", operation));
                    if (result.failed()) {
                        count(operation, "unreachable");
                        answer.completeExceptionally(new BrightClientUnavailableException(
                                "BrightClient is unreachable: " + result.cause(), null, result.cause()));
                        return;
                    }
                    try {
                        answer.complete(answer(operation, result.result()));
                    } catch (BrightClientUnavailableException e) {
                        answer.completeExceptionally(e);
                    }
                });
        return answer;
    }

    private Answer answer(String operation, Reply reply) {
        int status = reply.status();
        count(operation, Integer.toString(status));
        if (status == 429) {
            throw new BrightClientThrottledException("BrightClient answered 429", retryAfter(reply.retryAfter()));
        }
        if (status >= 500) {
            throw new BrightClientUnavailableException("BrightClient answered " + status, retryAfter(reply.retryAfter()),
                    null);
        }
        JsonNode answer = json(reply.body());
        if (status >= 400) {
            String message = answer == null ? null : answer.path("message").asText(null);
            return Answer.rejected(status, message == null ? "BrightClient answered " + status : message);
        }
        if (operation.equals("update")) {
            // an update answers 200 with the record or 204 with no body: both are success, and the
            // record keeps the id it is linked to
            return Answer.accepted(null);
        }
        String id = answer == null ? null : answer.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new BrightClientUnavailableException("BrightClient answered " + status + " without an id", null, null);
        }
        return Answer.accepted(id);
    }

    private static JsonNode json(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return Json.mapper().readTree(body.getBytes());
        } catch (java.io.IOException | RuntimeException e) {
            return null; // not JSON: treated as an answer without a message or id
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void count(String operation, String status) {
        registry.counter("bulkimport.brightclient.calls", "operation", operation, "status", status).increment();
    }

    private static Duration retryAfter(String value) {
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
