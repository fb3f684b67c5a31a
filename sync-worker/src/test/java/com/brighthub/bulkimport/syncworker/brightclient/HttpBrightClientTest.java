package com.brighthub.bulkimport.syncworker.brightclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.syncworker.config.SyncConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a stub BrightClient on a real socket: what it sends, and how each kind of
 * answer comes back (the retries and the circuit breaker are the guard's: GuardedBrightClientTest).
 */
class HttpBrightClientTest {

    record Seen(String method, String uri, String idempotencyKey, String contentType, JsonNode body) {
    }

    Vertx vertx;
    HttpServer server;
    volatile Consumer<HttpServerRequest> answer;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    HttpBrightClient client;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            seen.add(new Seen(request.method().name(), request.uri(), request.getHeader("Idempotency-Key"),
                    request.getHeader("Content-Type"), body.length() == 0 ? null : Json.read(body.toString(), JsonNode.class)));
            answer.accept(request);
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = adapter("http://localhost:" + server.actualPort() + "/");
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    HttpBrightClient adapter(String url) {
        HttpBrightClient adapter = new HttpBrightClient();
        adapter.vertx = vertx;
        adapter.registry = new SimpleMeterRegistry();
        adapter.config = new SyncConfig() {
            public int concurrency() {
                return 4;
            }

            public Duration maxBackoff() {
                return Duration.ofSeconds(1);
            }

            public Duration importStatusRefresh() {
                return Duration.ofMillis(250);
            }

            public String importStatusView() {
                return "import_status";
            }

            public Throttled throttled() {
                throw new UnsupportedOperationException("the adapter does not wait for throttled practices");
            }

            public UnavailableRecord unavailableRecord() {
                return new UnavailableRecord() {
                    public int attempts() {
                        return 2;
                    }

                    public Duration after() {
                        return Duration.ofSeconds(1);
                    }
                };
            }

            public BrightClient brightClient() {
                return new BrightClient() {
                    public String url() {
                        return url;
                    }

                    public Duration connectTimeout() {
                        return Duration.ofSeconds(2);
                    }

                    public Duration readTimeout() {
                        return Duration.ofSeconds(5);
                    }
                };
            }
        };
        adapter.connect();
        return adapter;
    }

    /** The call's answer, or the exception its stage failed with, as the caller sees them. */
    static BrightClientPort.Answer answer(CompletionStage<BrightClientPort.Answer> call) {
        try {
            return call.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    static BrightClientRecord record() {
        return new BrightClientRecord("BM-1", "REF-1", "Acme Ltd", "LIMITED_COMPANY", "01234567", null, "a@acme.test",
                List.of(), List.of());
    }

    void reply(int status, String body, String retryAfter) {
        answer = r -> {
            if (retryAfter != null) {
                r.response().putHeader("Retry-After", retryAfter);
            }
            r.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        };
    }

    @Test
    void createSendsTheRecordWithItsIdempotencyKeyAndReturnsTheId() {
        reply(201, "{\"id\": \"BC-7\"}", null);

        BrightClientPort.Answer a = answer(client.create("acc 1/x", "acc:BM-1", record()));

        assertThat(a.accepted()).isTrue();
        assertThat(a.id()).isEqualTo("BC-7");
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.uri()).isEqualTo("/brightclient/accounts/acc%201%2Fx/clients");
        assertThat(s.idempotencyKey()).isEqualTo("acc:BM-1");
        assertThat(s.contentType()).isEqualTo("application/json");
        assertThat(s.body().path("brightManagerId").asText()).isEqualTo("BM-1");
        assertThat(s.body().path("name").asText()).isEqualTo("Acme Ltd");
    }

    @Test
    void updatePutsToTheLinkedRecord() {
        reply(200, "{\"id\": \"BC-7\"}", null);

        assertThat(answer(client.update("acc", "BC-7", record())).accepted()).isTrue();
        assertThat(seen.get(0).method()).isEqualTo("PUT");
        assertThat(seen.get(0).uri()).isEqualTo("/brightclient/accounts/acc/clients/BC-7");
        assertThat(seen.get(0).idempotencyKey()).isNull();
    }

    @Test
    void anUpdateAnsweredWithoutABodyIsSuccess() {
        answer = r -> r.response().setStatusCode(204).end();

        BrightClientPort.Answer a = answer(client.update("acc", "BC-7", record()));

        assertThat(a.accepted()).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRejectionCarriesBrightClientsMessage() {
        reply(422, "{\"code\": \"INVALID_VAT_NUMBER\", \"message\": \"vatNumber 'X' is not valid\"}", null);

        BrightClientPort.Answer a = answer(client.create("acc", "k", record()));

        assertThat(a.accepted()).isFalse();
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.message()).isEqualTo("vatNumber 'X' is not valid");
    }

    @Test
    void aRejectionWithoutJsonStillGetsAMessage() {
        reply(400, "not json", null);

        assertThat(answer(client.create("acc", "k", record())).message()).isEqualTo("BrightClient answered 400");
    }

    @Test
    void throttlingAndServerErrorsAreUnavailableWithRetryAfter() {
        reply(429, "{}", "7");
        assertThatThrownBy(() -> answer(client.create("acc", "k", record())))
                .isInstanceOfSatisfying(BrightClientThrottledException.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.throttled()).isTrue();
                });

        reply(503, "", null);
        assertThatThrownBy(() -> answer(client.create("acc", "k", record())))
                .isNotInstanceOf(BrightClientThrottledException.class)
                .isInstanceOfSatisfying(BrightClientUnavailableException.class, e -> {
                    assertThat(e.retryAfter()).isNull();
                    assertThat(e.throttled()).isFalse();
                });
    }

    @Test
    void anAcceptedAnswerWithoutAnIdIsNotTrusted() {
        reply(201, "{}", null);

        assertThatThrownBy(() -> answer(client.create("acc", "k", record()))).isInstanceOf(BrightClientUnavailableException.class);
    }

    @Test
    void anUnreachableBrightClientIsUnavailable() throws Exception {
        int port = server.actualPort();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> answer(adapter("http://localhost:" + port).create("acc", "k", record())))
                .isInstanceOf(BrightClientUnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
