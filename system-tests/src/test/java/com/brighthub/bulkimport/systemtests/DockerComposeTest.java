package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker-compose.yml says, checked without an engine: every part of the system is a service from
 * the local images, started only once what it needs is healthy, restarted when it stops, on the
 * contract's ports, with environment variables the service really reads. {@link DockerComposeSystemTest}
 * runs it.
 */
class DockerComposeTest {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    static final Map<String, String> PORTS = Map.of("import-api", "8081", "record-validator", "8082",
            "sync-worker", "8083", "report-service", "8084", "sandbox", "8089");
    /** Read by the image (JAVA_OPTS) or by Quarkus from its own environment names. */
    static final Set<String> NOT_IN_PROPERTIES = Set.of("JAVA_OPTS", "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT");

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    void everyPartOfTheSystemIsAService() throws IOException {
        assertThat(services()).containsOnlyKeys("kafka", "postgres", "sandbox", "import-api", "record-validator",
                "sync-worker", "report-service");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachApplicationRunsItsLocalImageOnItsContractPortWithVariablesItReads() throws IOException {
        for (Map.Entry<String, String> e : PORTS.entrySet()) {
            String name = e.getKey();
            Map<String, Object> service = (Map<String, Object>) services().get(name);
            assertThat(service.get("image")).as(name + " image").isEqualTo("brighthub/" + name + ":1.0.0");
            assertThat(service).as(name + " is built by ./bright images, not by compose").doesNotContainKey("build");
            assertThat(service.get("restart")).as(name + " restart policy").isEqualTo("unless-stopped");
            assertThat((Iterable<String>) service.get("ports")).as(name + " port")
                    .anySatisfy(p -> assertThat(p).endsWith(":" + e.getValue()).contains(e.getValue()));

            Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
            assertThat(dependsOn).as(name + " waits for Kafka").containsKey("kafka");
            dependsOn.values().forEach(d -> assertThat(((Map<String, Object>) d).get("condition"))
                    .as(name + " waits until healthy").isEqualTo("service_healthy"));

            String properties = Files.readString(ROOT.resolve(name + "/src/main/resources/application.properties"))
                    + Files.readString(ROOT.resolve("service-common/src/main/resources/META-INF/microprofile-config.properties"));
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment).as(name + " environment").isNotEmpty();
            for (String variable : environment.keySet()) {
                if (!NOT_IN_PROPERTIES.contains(variable)) {
                    assertThat(properties).as(name + " reads " + variable).contains("${" + variable);
                }
            }
        }
    }
}
