package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * The whole system from its container images (./bright images) on a Testcontainers network – Kafka,
 * PostgreSQL, the sandbox and the four services – driven through the public APIs on the mapped ports.
 * Needs a Docker engine: ./bright test starts one and builds the images before it runs this.
 */
@Tag("containers")
class ContainersSystemTest {

    static final String VERSION = System.getProperty("bright.image.version", "1.0.0");
    static final Map<String, Integer> APPS = Map.of("sandbox", 8089, "import-api", 8081, "record-validator", 8082,
            "sync-worker", 8083, "report-service", 8084);

    static Network network;
    static final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();

    @BeforeAll
    static void startTheSystem() {
        network = Network.newNetwork();
        GenericContainer<?> postgres = container("brighthub/postgres:15", "postgres")
                .withEnv(Map.of("POSTGRES_USER", "bright", "POSTGRES_PASSWORD", "bright", "POSTGRES_DB", "bright"));
        GenericContainer<?> kafka = container("brighthub/kafka:latest", "kafka")
                .withEnv(Map.of("KAFKA_INTERNAL_HOST", "kafka"));
        Startables.deepStart(Stream.of(postgres, kafka)).join();
        start(app("sandbox"));
        Startables.deepStart(Stream.of("import-api", "record-validator", "sync-worker", "report-service")
                .map(ContainersSystemTest::app)).join();
    }

    static GenericContainer<?> container(String image, String alias) {
        GenericContainer<?> c = new GenericContainer<>(image).withNetwork(network).withNetworkAliases(alias)
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)))
                .withLogConsumer(frame -> log(alias, frame.getUtf8String()));
        containers.put(alias, c);
        return c;
    }

    static GenericContainer<?> app(String name) {
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:19092",
                "BRIGHT_DB_HOST", "postgres", "BRIGHT_DB_PORT", "5432", "BRIGHT_DB_NAME", "bright",
                "BRIGHT_DB_USER", "bright", "BRIGHT_DB_PASSWORD", "bright",
                "BRIGHTMANAGER_URL", "http://sandbox:8089", "BRIGHTCLIENT_URL", "http://sandbox:8089",
                // the local stack's dev key, set as a deployment sets BrightHub's own
                "BRIGHT_JWT_PUBLIC_KEY", "dev-jwt/publicKey.pem"));
        env.put("JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
        // four JVMs starting at once on two cores: a first database connection may take a while
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
        return container("brighthub/" + name + ":" + VERSION, name).withEnv(env).withExposedPorts(APPS.get(name));
    }

    /** Each container's output, in target/containers/NAME.log, to read when a test fails. */
    static synchronized void log(String name, String line) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "containers");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name + ".log"), line, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void start(GenericContainer<?> c) {
        c.start();
    }

    static String url(String app) {
        GenericContainer<?> c = containers.get(app);
        return "http://" + c.getHost() + ":" + c.getMappedPort(APPS.get(app));
    }

    @AfterAll
    static void stopTheSystem() {
        List<GenericContainer<?>> started = new java.util.ArrayList<>(containers.values());
        java.util.Collections.reverse(started);
        started.forEach(GenericContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void anImportRunsThroughTheImagesWithASyncWorkerKilledAndRestartedMidImport() {
        // given a practice of 4,000 clients, and a BrightClient slow enough that the import takes a while
        Practice practice = new Practice(ContainersSystemTest::url).withBrightClient(true);
        JsonNode expected = practice.generate(4_000, 16);
        practice.faults("{\"latencyMs\": 150}");
        try {
            // when its admin starts the import, and sync-worker's container is killed once part is in BrightClient
            String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
            await("part of the practice in BrightClient").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> practice.brightClientStats().path("records").asLong() >= 300);
            DockerClient docker = DockerClientFactory.instance().client();
            String syncWorker = containers.get("sync-worker").getContainerId();
            docker.killContainerCmd(syncWorker).withSignal("KILL").exec();
            long atKill = practice.brightClientStats().path("records").asLong();
            assertThat(practice.status(importId).path("status").asText()).as("the kill landed mid-import")
                    .isEqualTo("RUNNING");
            assertThat(atKill).as("the kill landed before every valid client was in BrightClient")
                    .isLessThan(expected.path("validClients").asLong());
            practice.faults("{}");
            docker.startContainerCmd(syncWorker).exec();

            // then the import completes with exactly the generator's figures
            practice.awaitCompleted(importId);
            JsonNode report = practice.report(importId);
            assertThat(report.path("total").asLong()).isEqualTo(4_000);
            assertThat(report.path("imported").asLong()).isEqualTo(expected.path("validClients").asLong());
            assertThat(report.path("excluded").asLong()).isEqualTo(expected.path("excluded").asLong());
            assertThat(report.path("failed").asLong()).isEqualTo(expected.path("failedClients").asLong());
            assertThat(report.path("failuresByReason")).isEqualTo(expected.path("rowsByReason"));

            // and nothing was lost or duplicated in BrightClient
            practice.assertBrightClientHoldsExactlyTheValidClients("after the kill");
            assertThat(practice.brightClientStats().path("duplicates").asLong()).isZero();
        } finally {
            practice.faults("{}");
        }
    }

    @Test
    void everyApplicationRunsAsANonRootUserWithItsHealthCheck() throws Exception {
        for (String app : APPS.keySet()) {
            GenericContainer<?> c = containers.get(app);
            var inspected = DockerClientFactory.instance().client().inspectContainerCmd(c.getContainerId()).exec();
            assertThat(inspected.getConfig().getUser()).as(app + " user").isEqualTo("10001");
            assertThat(inspected.getConfig().getHealthcheck().getTest()).as(app + " health check")
                    .anySatisfy(part -> assertThat(part).contains("/q/health/ready"));
            assertThat(c.execInContainer("id", "-u").getStdout().strip()).as(app + " process uid").isEqualTo("10001");
        }
    }
}
