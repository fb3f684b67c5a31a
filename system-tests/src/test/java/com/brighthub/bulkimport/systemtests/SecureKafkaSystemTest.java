package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.KafkaSecurity;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system on a broker that takes clients only over SASL_SSL with SCRAM-SHA-512 (as
 * {@code ./bright up --secure-kafka} starts it: a self-signed certificate made with keytool, the SCRAM user
 * made at format time), every service given its credentials and the truststore by environment only: an
 * import is exact, a save syncs, and the broker refuses whoever does not connect so; no log holds the password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureKafkaSystemTest {

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.secure();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void aGeneratedPracticeIsImportedExactlyThroughTheSecureBrokerAndASaveSyncs() {
        // given a practice of 500 clients with every kind of defect
        Practice practice = new Practice(stack).withBrightClient(true);
        JsonNode expected = practice.generate(500, 21);

        // when its admin runs the bulk import: every event between the services goes over SASL_SSL
        String importId = practice.importToCompletion();

        // then the report says exactly what the generator injected
        JsonNode report = practice.report(importId);
        assertThat(report.path("total").asLong()).isEqualTo(500);
        assertThat(report.path("alreadyLinked").asLong()).isZero();
        assertThat(report.path("excluded").asLong()).isEqualTo(expected.path("excluded").asLong()).isPositive();
        assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong()).isPositive();
        assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong()).isPositive();
        assertThat(report.path("failuresByReason")).isEqualTo(expected.path("rowsByReason"));
        assertThat(practice.status(importId).path("processed").asLong()).isEqualTo(500);
        practice.assertBrightClientHoldsExactlyTheValidClients("import through the secure broker");
        assertThat(practice.brightClientStats().path("duplicates").asLong()).isZero();

        // and the broker holds one client record per client, read with the stack's credentials
        Set<String> sent = new HashSet<>();
        stack.readTopic(Topics.CLIENT_RECORDS, r -> {
            Header h = r.headers().lastHeader(ClientRecordEvent.IMPORT_HEADER);
            if (h != null && importId.equals(new String(h.value(), StandardCharsets.UTF_8))) {
                sent.add(Json.read(r.value(), ClientRecordEvent.class).clientId());
            }
        });
        assertThat(sent).hasSize(500);

        // when an imported client is saved in BrightManager (the sandbox publishes the save over SASL_SSL too)
        String clientId = practice.validIds().get(0);
        practice.rename(clientId, "Renamed over SASL_SSL");

        // then the change reaches BrightClient by itself
        await("the save syncs").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> "Renamed over SASL_SSL".equals(practice.brightClientRecord(clientId).path("name").asText()));
    }

    @Test
    @Order(2)
    void theBrokerRefusesPlaintextAWrongPasswordAndAClientThatDoesNotTrustItsCertificate() throws Exception {
        Map<String, Object> good = stack.kafkaClientConfig();
        assertThat(good).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        try (Admin admin = Admin.create(good)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.CLIENT_RECORDS,
                    Topics.CLIENT_LINKS);
        }

        // a plaintext client, without credentials: the TLS listener never answers it
        assertThat(refusal(Map.of("bootstrap.servers", stack.kafkaBootstrap()))).isInstanceOf(TimeoutException.class);

        // the right user with a wrong password
        Map<String, Object> wrongPassword = new HashMap<>(good);
        wrongPassword.put("sasl.jaas.config", KafkaSecurity.jaasConfig("SCRAM-SHA-512",
                stack.kafkaClientEnv().get(KafkaSecurity.SASL_USERNAME), "not-the-password"));
        assertThat(refusal(wrongPassword)).isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials");

        // the right credentials, but the broker's self-signed certificate not trusted: no TLS session
        Map<String, Object> untrusting = new HashMap<>(good);
        untrusting.keySet().removeIf(key -> key.startsWith("ssl.truststore."));
        assertThat(refusal(untrusting)).isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    @Order(3)
    void noLogOfTheStackHoldsTheKafkaPassword() throws IOException {
        String password = stack.kafkaClientEnv().get(KafkaSecurity.SASL_PASSWORD);
        List<Path> logs;
        try (Stream<Path> files = Stream.concat(Files.walk(stack.workDir().resolve("logs")),
                Files.walk(stack.workDir().resolve("kafka/logs")))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).extracting(p -> p.getFileName().toString()).contains("import-api.log", "sandbox.log",
                "server.log", "format.log");
        for (Path log : logs) {
            assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as("%s", log).doesNotContain(password);
        }
    }

    /** Why an admin client with these settings cannot list the topics (it must not). */
    static Throwable refusal(Map<String, Object> settings) {
        Map<String, Object> quick = new HashMap<>(settings);
        quick.put("request.timeout.ms", 5_000);
        quick.put("default.api.timeout.ms", 10_000);
        try (Admin admin = Admin.create(quick)) {
            Set<String> listed = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            throw new AssertionError("the broker let it list " + listed.size() + " topics");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 30 s", e);
        }
    }
}
