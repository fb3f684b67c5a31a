package com.brighthub.bulkimport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void anEmptyEnvironmentIsAPlaintextClientOfTheLocalBroker() {
        assertThat(KafkaSecurity.clientConfig(name -> null)).containsOnly(Map.entry("bootstrap.servers", "localhost:9092"));
        assertThat(KafkaSecurity.clientConfig(name -> " ")).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void theVariablesSetTheSettingsAndTheCredentialsTheJaasLine() {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9094",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "bright", "KAFKA_SASL_PASSWORD", "s3cret",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/tls/truststore.p12", "KAFKA_SSL_TRUSTSTORE_PASSWORD", "tls",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12", "KAFKA_SASL_MECHANISM", ""));

        assertThat(KafkaSecurity.clientConfig(env::get)).containsOnly(
                Map.entry("bootstrap.servers", "127.0.0.1:9094"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"bright\" password=\"s3cret\";"),
                Map.entry("ssl.truststore.location", "/tls/truststore.p12"),
                Map.entry("ssl.truststore.password", "tls"),
                Map.entry("ssl.truststore.type", "PKCS12"));
    }

    @Test
    void theMechanismChoosesTheLoginModuleAndAWholeJaasLineWins() {
        Map<String, String> env = Map.of("KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "p");
        assertThat(KafkaSecurity.settings(env::get).get("sasl.jaas.config").toString())
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");

        Map<String, String> whole = Map.of("KAFKA_SASL_JAAS_CONFIG", "given", "KAFKA_SASL_USERNAME", "u");
        assertThat(KafkaSecurity.settings(whole::get)).containsOnly(Map.entry("sasl.jaas.config", "given"));
    }

    @Test
    void aMechanismWithoutALoginModuleHereAsksForTheWholeLineWithoutShowingThePassword() {
        Map<String, String> env = Map.of("KAFKA_SASL_MECHANISM", "OAUTHBEARER", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "hunter2");

        assertThatThrownBy(() -> KafkaSecurity.settings(env::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG").hasMessageNotContaining("hunter2");
    }
}
