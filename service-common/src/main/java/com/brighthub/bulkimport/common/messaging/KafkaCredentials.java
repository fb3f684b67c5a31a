package com.brighthub.bulkimport.common.messaging;

import com.brighthub.bulkimport.model.KafkaSecurity;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * SASL credentials given as a username and a password ({@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD};
 * see {@code META-INF/microprofile-config.properties}) made into the JAAS line of every Kafka client the
 * connector creates – consumers, producers and their health checks' admin clients – and of the topic
 * provisioner's. A JAAS line set whole ({@code KAFKA_SASL_JAAS_CONFIG}) wins. The rest of the security
 * settings reach the clients as connector-wide {@code kafka.*} defaults; nothing here logs a value.
 */
@ApplicationScoped
public class KafkaCredentials implements ClientCustomizer<Map<String, Object>> {

    static final String USERNAME = "bright.kafka.sasl.username";
    static final String PASSWORD = "bright.kafka.sasl.password";

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        Map<String, Object> completed = new HashMap<>(config);
        complete(completed, key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
        return completed;
    }

    /** Adds the JAAS line (and SCRAM-SHA-512 if no mechanism is set) when a username is configured. */
    static void complete(Map<String, Object> clientConfig, Function<String, Optional<String>> config) {
        KafkaSecurity.addCredentials(clientConfig, config.apply(USERNAME).orElse(null), config.apply(PASSWORD).orElse(null));
    }
}
