package com.brighthub.bulkimport.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionSecretsTest {

    static List<String> missing(Map<String, String> config) {
        return ProductionSecrets.missing(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void aServiceThatChecksTokensNeedsBrightHubsKeyAndOneWithADatabaseItsPassword() {
        Map<String, String> config = new HashMap<>(Map.of("mp.jwt.verify.issuer", "https://brighthub",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://db/bright"));

        assertThat(missing(config)).containsExactly(
                "BRIGHT_JWT_PUBLIC_KEY is not set: BrightHub's public key for tokens (a PEM file, classpath resource or URL)",
                "BRIGHT_DB_PASSWORD is not set: the database password");

        config.put("mp.jwt.verify.publickey.location", "  ");
        config.put("quarkus.datasource.password", "s3cret");
        assertThat(missing(config)).as("blank is not set").singleElement().asString().startsWith("BRIGHT_JWT_PUBLIC_KEY");

        config.put("mp.jwt.verify.publickey.location", "/run/secrets/brighthub.pem");
        assertThat(missing(config)).isEmpty();
    }

    @Test
    void aServiceWithoutTokensOrDatabaseNeedsNeither() {
        assertThat(missing(Map.of())).isEmpty();
        assertThat(missing(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/bright",
                "quarkus.datasource.password", "x"))).isEmpty();
    }
}
