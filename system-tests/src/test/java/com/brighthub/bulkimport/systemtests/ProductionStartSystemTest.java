package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged services – the {@code prod} profile, as deployed – without their secrets: each refuses to
 * start, saying in one line which variable is missing; none carries the dev private key.
 */
class ProductionStartSystemTest {

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    @Test
    void aServiceThatChecksTokensRefusesToStartWithoutBrightHubsKey() throws Exception {
        for (String svc : List.of("import-api", "report-service")) {
            LocalStack.Exit exit = stack.startWithout(svc, Set.of("BRIGHT_JWT_PUBLIC_KEY"));

            assertThat(exit.code()).as(svc + " exits on its own, unsuccessfully").isNotNull().isNotZero();
            assertThat(exit.output()).as(svc).contains("refusing to start in production: BRIGHT_JWT_PUBLIC_KEY is not set");
        }
    }

    @Test
    void theDevSignInRefusesToRunBesideAnyKeyButTheLocalStacksOwn() throws Exception {
        Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        // BrightHub's key as production names it, a file path (here the dev public key, but not by the local stack's name)
        String brightHubKey = root.resolve("api-common/src/main/resources/dev-jwt/publicKey.pem").toString();
        for (String svc : List.of("import-api", "report-service")) {
            LocalStack.Exit exit = stack.startOnce(svc, java.util.Map.of("BRIGHT_JWT_PUBLIC_KEY", brightHubKey), Set.of());

            assertThat(exit.code()).as(svc + " exits on its own, unsuccessfully").isNotNull().isNotZero();
            assertThat(exit.output()).as(svc).contains("refusing to start: BRIGHT_DEV_SIGNIN_KEY is set");
        }
    }

    @Test
    void aServiceWithADatabaseRefusesToStartWithoutItsPassword() throws Exception {
        for (String svc : List.of("import-api", "sync-worker", "report-service")) {
            LocalStack.Exit exit = stack.startWithout(svc, Set.of("BRIGHT_DB_PASSWORD"));

            assertThat(exit.code()).as(svc + " exits on its own, unsuccessfully").isNotNull().isNotZero();
            assertThat(exit.output()).as(svc).contains("BRIGHT_DB_PASSWORD");
        }
    }

    @Test
    void noServiceCarriesTheDevPrivateKey() throws Exception {
        Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        for (String svc : LocalStack.SERVICES) {
            Path app = root.resolve(svc + "/target/quarkus-app");
            assertThat(app).as(svc + " is packaged").isDirectory();
            try (var files = Files.walk(app)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    try (ZipFile zip = new ZipFile(jar.toFile())) {
                        assertThat(zip.getEntry("dev-jwt/privateKey.pem")).as(svc + ": " + jar.getFileName()).isNull();
                    }
                }
            }
        }
    }
}
