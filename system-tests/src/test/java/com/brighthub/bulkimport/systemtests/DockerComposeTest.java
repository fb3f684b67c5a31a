package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks that what it names exists:
 * every service of the system, each build context and Dockerfile, the contract's ports, and every
 * environment variable as one the service really reads.
 */
class DockerComposeTest {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    static final Map<String, String> PORTS = Map.of("import-api", "8081", "record-validator", "8082",
            "sync-worker", "8083", "report-service", "8084", "sandbox", "8089");

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
    void eachApplicationServiceBuildsFromItsModuleOnItsContractPortWithVariablesItReads() throws IOException {
        for (Map.Entry<String, String> e : PORTS.entrySet()) {
            String name = e.getKey();
            Map<String, Object> service = (Map<String, Object>) services().get(name);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            Path context = ROOT.resolve((String) build.get("context")).normalize();
            assertThat(context).as(name + " build context").isEqualTo(ROOT.resolve(name));
            assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " Dockerfile").exists();
            assertThat((Iterable<String>) service.get("ports")).as(name + " port").contains(e.getValue() + ":" + e.getValue());

            String properties = Files.readString(ROOT.resolve(name + "/src/main/resources/application.properties"));
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment).as(name + " environment").isNotEmpty();
            for (String variable : environment.keySet()) {
                assertThat(properties).as(name + " reads " + variable).contains("${" + variable + ":");
            }
        }
    }
}
