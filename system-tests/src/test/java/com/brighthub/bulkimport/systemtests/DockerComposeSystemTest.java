package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
            ports.put(variable, FreePorts.next());
        }
        compose("up", "-d");
        // healthy as the images' own health checks say (health is on the management ports, not published)
        await("every service healthy").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                .until(() -> health().values().stream().filter("healthy"::equals).count() == 7);
    }

    /** Each of the project's containers and its health, as the engine reports it. */
    static Map<String, String> health() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=com.docker.compose.project=" + PROJECT,
                "--format", "{{.Names}} {{.Status}}").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, String> health = new HashMap<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> health.put(l.split(" ")[0],
                l.contains("(healthy)") ? "healthy" : l.substring(l.indexOf(' ') + 1)));
        return health;
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
}
