package com.brighthub.bulkimport.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.brighthub.bulkimport.model.KafkaSecurity;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class KafkaCredentialsTest {

    static Map<String, Object> loginOptions(Object jaasLine) {
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(jaasLine.toString()))).configurationEntries();
        assertThat(entries).hasSize(1);
        return new HashMap<>(entries.get(0).getOptions());
    }

    @Test
    void everyVariableOfTheSharedTableIsAConnectorWideDefaultOfEveryService() throws Exception {
        Properties props = new Properties();
        try (InputStream in = KafkaCredentials.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            props.load(in);
        }
        KafkaSecurity.SETTINGS.forEach((variable, setting) -> assertThat(props.getProperty("kafka." + setting))
                .as("kafka.%s", setting).startsWith("${" + variable + ":"));
        assertThat(props.getProperty(KafkaCredentials.USERNAME)).isEqualTo("${" + KafkaSecurity.SASL_USERNAME + ":}");
        assertThat(props.getProperty(KafkaCredentials.PASSWORD)).isEqualTo("${" + KafkaSecurity.SASL_PASSWORD + ":}");
        assertThat(props.getProperty("kafka.security.protocol")).isEqualTo("${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}");
    }

    @Test
    void theProvisionerConnectsAsTheChannelsDoWithTheCredentialsMadeIntoItsJaasLine() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("bootstrap.servers", "broker:9093");
        defaults.put("security.protocol", "SASL_SSL");
        defaults.put("sasl.mechanism", "");
        defaults.put("sasl.jaas.config", "");
        defaults.put("ssl.truststore.location", "/tls/truststore.p12");
        defaults.put("ssl.truststore.type", "PKCS12");
        defaults.put("group.id", "record-validator");
        defaults.put("session.timeout.ms", "10000");
        Map<String, String> config = Map.of(KafkaCredentials.USERNAME, "bright", KafkaCredentials.PASSWORD, "pa\"ss\\word");

        Map<String, Object> admin = TopicProvisioner.adminConfig(defaults, key -> Optional.ofNullable(config.get(key)));

        assertThat(admin).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/tls/truststore.p12").containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("request.timeout.ms", 10_000)
                .doesNotContainKeys("group.id", "session.timeout.ms");
        Map<String, Object> options = loginOptions(admin.get("sasl.jaas.config"));
        assertThat(options).containsEntry("username", "bright").containsEntry("password", "pa\"ss\\word");
        assertThat(admin.get("sasl.jaas.config").toString()).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required");
    }

    @Test
    void withoutCredentialsNothingIsAddedAndAPlaintextBrokerStaysPlaintext() {
        Map<String, Object> admin = TopicProvisioner.adminConfig(Map.of("bootstrap.servers", "localhost:9092",
                "security.protocol", "PLAINTEXT", "ssl.truststore.location", ""), key -> Optional.of(""));

        assertThat(admin).containsOnlyKeys("bootstrap.servers", "security.protocol", "request.timeout.ms");
    }

    @Test
    void aJaasLineGivenWholeWinsAndAUsernameWithoutAPasswordIsRefusedWithoutAValue() {
        Map<String, Object> client = new HashMap<>(Map.of("sasl.jaas.config", "given", "sasl.mechanism", "PLAIN"));
        KafkaCredentials.complete(client, key -> Optional.of("x"));
        assertThat(client).containsEntry("sasl.jaas.config", "given");

        Map<String, String> config = Map.of(KafkaCredentials.USERNAME, "bright");
        assertThatThrownBy(() -> KafkaCredentials.complete(new HashMap<>(), key -> Optional.ofNullable(config.get(key))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KAFKA_SASL_USERNAME is set without KAFKA_SASL_PASSWORD");
    }

    @Test
    void theCustomizerLeavesTheConnectorsMapAsItWas() {
        Map<String, Object> client = Map.of("bootstrap.servers", "localhost:9092");

        assertThat(new KafkaCredentials().customize("c", null, client)).isEqualTo(client).isNotSameAs(client);
    }
}
