package com.brighthub.bulkimport.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.brighthub.bulkimport.common.messaging.testing.PolledBatch;
import com.brighthub.bulkimport.model.MalformedEventException;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ClientLink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * service-common's messaging pieces on their own: acked sends, decoding with dead letters, and the
 * retry that waits out failing infrastructure.
 */
class MessagingTest {

    /** An emitter that keeps what it is sent and acks (or nacks) each message as told. */
    static final class FakeEmitter implements Emitter<String> {
        final List<Message<? extends String>> sent = new CopyOnWriteArrayList<>();
        Function<Message<? extends String>, Boolean> accept = m -> true;
        /** When set, messages are kept unanswered until the test acks them. */
        volatile boolean holdAcks;

        @Override
        public CompletionStage<Void> send(String payload) {
            send(Message.of(payload));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            sent.add(message);
            if (holdAcks) {
                return;
            }
            if (accept.apply(message)) {
                message.ack();
            } else {
                message.nack(new IllegalStateException("RecordTooLargeException"));
            }
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    static DeadLetters deadLetters(FakeEmitter emitter) {
        DeadLetters d = new DeadLetters();
        d.emitter = emitter;
        d.registry = new SimpleMeterRegistry();
        return d;
    }

    static String header(Message<? extends String> m, String name) {
        var h = m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void sendAllReturnsOnlyOnceEveryMessageIsAckedAndFailsOnANack() {
        FakeEmitter emitter = new FakeEmitter();
        emitter.holdAcks = true;
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> KeyedMessages.sendAll(emitter,
                List.of(KeyedMessages.keyed("a:1", "x"), KeyedMessages.keyed("a:2", "y"))));
        org.awaitility.Awaitility.await().until(() -> emitter.sent.size() == 2);
        assertThat(emitter.sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .isEqualTo("a:1");
        emitter.sent.get(0).ack().toCompletableFuture().join();
        assertThat(sending).as("one of two acked: still waiting").isNotDone();
        emitter.sent.get(1).ack().toCompletableFuture().join();
        sending.join();
        emitter.holdAcks = false;

        emitter.accept = m -> !m.getPayload().contains("big");
        assertThatThrownBy(() -> KeyedMessages.sendAll(emitter,
                List.of(KeyedMessages.keyed("a:3", "small"), KeyedMessages.keyed("a:4", "big"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
    }

    @Test
    void decodingDeadLettersWhatCannotBeProcessedWithItsReasonOriginAndOwnHeaders() {
        FakeEmitter emitter = new FakeEmitter();
        DeadLetters dlq = deadLetters(emitter);
        String good = com.brighthub.bulkimport.model.Json.write(new ClientLink("A", "BM-1", "BC-1", Instant.now(), null));
        String noClient = com.brighthub.bulkimport.model.Json.write(new ClientLink("A", null, "BC-2", Instant.now(), null));
        ConsumerRecords<String, String> batch = PolledBatch.builder()
                .add(Topics.CLIENT_LINKS, "A:BM-1", good)
                .add(Topics.CLIENT_LINKS, "A:BM-2", noClient, "import-id", "IMP-9")
                .add(Topics.CLIENT_LINKS, "A:BM-3", "{broken")
                .add(Topics.CLIENT_LINKS, "A:BM-4", "x".repeat(EventBatch.MAX_EVENT_CHARS + 1))
                .build();

        var decoded = EventBatch.decode(batch, ClientLink.class, dlq);

        assertThat(decoded).extracting(d -> d.event().clientId()).containsExactly("BM-1");
        assertThat(emitter.sent).hasSize(3);
        assertThat(header(emitter.sent.get(0), DeadLetters.REASON)).isEqualTo("missing clientId");
        assertThat(header(emitter.sent.get(0), DeadLetters.TOPIC)).isEqualTo(Topics.CLIENT_LINKS);
        assertThat(header(emitter.sent.get(0), "import-id")).as("the record's own header travels with it").isEqualTo("IMP-9");
        assertThat(header(emitter.sent.get(1), DeadLetters.REASON)).contains("not valid JSON");
        assertThat(header(emitter.sent.get(2), DeadLetters.REASON)).startsWith("oversized");
        assertThat(dlq.registry.counter("bulkimport.dead.letters", "topic", Topics.CLIENT_LINKS).count()).isEqualTo(3);
    }

    @Test
    void persistentlyRetriesUntilTheWorkSucceedsButNeverRetriesAMalformedEvent() {
        AtomicInteger calls = new AtomicInteger();
        String result = Persistently.call("flaky work", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("database restarting");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);

        AtomicInteger malformed = new AtomicInteger();
        assertThatThrownBy(() -> Persistently.run("decoding", () -> {
            malformed.incrementAndGet();
            throw new MalformedEventException("not an event");
        })).isInstanceOf(MalformedEventException.class);
        assertThat(malformed).hasValue(1);
    }

    @Test
    void aRecordsHeaderReadsAsText() {
        ConsumerRecord<String, String> r = PolledBatch.builder().add("t", "k", "v", "verdict", "PASS").build()
                .iterator().next();
        assertThat(KeyedMessages.header(r, "verdict")).isEqualTo("PASS");
        assertThat(KeyedMessages.header(r, "absent")).isNull();
    }
}
