package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml brought up as a user brings it up (Debian's docker-compose, the local images), on
 * free host ports: an import of 1,000 clients through it with the generator's figures, Kafka reachable
 * from the host, and everything taken down with its volumes.
 */
@Tag("containers")
class DockerComposeSystemTest {

    static final Path ROOT = DockerComposeTest.ROOT;
    static final String PROJECT = "bright-compose-test";
    static final Map<String, Integer> ports = new HashMap<>();
    static final Path LOG = Path.of("target", "containers", "compose.log");

    @BeforeAll
    static void up() throws Exception {
        for (String variable : List.of("IMPORT_API_PORT", "RECORD_VALIDATOR_PORT", "SYNC_WORKER_PORT",
                "REPORT_SERVICE_PORT", "SANDBOX_PORT", "KAFKA_PORT", "BRIGHT_COMPOSE_DB_PORT")) {
            ports.put(variable, freePort());
        }
        compose("up", "-d");
        HttpClient http = HttpClient.newHttpClient();
        for (String variable : List.of("SANDBOX_PORT", "IMPORT_API_PORT", "RECORD_VALIDATOR_PORT", "SYNC_WORKER_PORT",
                "REPORT_SERVICE_PORT")) {
            URI ready = URI.create("http://localhost:" + ports.get(variable) + "/q/health/ready");
            await(variable + " ready").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200);
        }
    }

    @AfterAll
    static void down() throws Exception {
        compose("logs", "--no-color");
        compose("down", "-v", "--remove-orphans");
    }

    static String url(String service) {
        String variable = service.toUpperCase().replace('-', '_') + "_PORT";
        return "http://localhost:" + ports.get(variable);
    }

    @Test
    void anImportOfAThousandClientsRunsThroughTheComposedSystem() {
        Practice practice = new Practice(DockerComposeSystemTest::url).withBrightClient(true);
        JsonNode expected = practice.generate(1_000, 17);

        String importId = practice.importToCompletion();

        JsonNode report = practice.report(importId);
        assertThat(report.path("total").asLong()).isEqualTo(1_000);
        assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong()).isPositive();
        assertThat(report.path("excluded").asLong()).isEqualTo(expected.path("excluded").asLong());
        assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong());
        assertThat(report.path("failuresByReason")).isEqualTo(expected.path("rowsByReason"));
        practice.assertBrightClientHoldsExactlyTheValidClients("compose");
        assertThat(practice.failuresCsv(importId).lines().count()).as("a header and a row per failure")
                .isGreaterThan(expected.path("failedClients").asLong());
    }

    @Test
    void kafkaIsReachableFromTheHostWithTheDeclaredTopics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports.get("KAFKA_PORT"));
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains(Topics.CLIENT_RECORDS, Topics.VALIDATION_RESULTS, Topics.SYNC_RESULTS);
            // a metadata round trip through the advertised host listener, not only the bootstrap connection
            assertThat(admin.describeTopics(List.of(Topics.CLIENT_RECORDS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.CLIENT_RECORDS).partitions()).isNotEmpty();
        }
    }

    static void compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f",
                ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        ports.forEach((variable, port) -> pb.environment().put(variable, Integer.toString(port)));
        Files.createDirectories(LOG.getParent());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("docker-compose %s ends", String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as("docker-compose %s (see %s)", String.join(" ", args), LOG).isZero();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
