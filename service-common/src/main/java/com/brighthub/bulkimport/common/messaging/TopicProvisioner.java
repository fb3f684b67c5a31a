package com.brighthub.bulkimport.common.messaging;

import com.brighthub.bulkimport.model.TopicDeclaration;
import com.brighthub.bulkimport.model.Topics;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the topics what {@link Topics#declared} says before a service starts consuming or producing:
 * creates the missing ones (idempotent: every service does it, the first one wins) and refuses to start –
 * with one line naming the topic and the setting – when an existing topic contradicts its declaration
 * (too few partitions to scale on, the links topic not compacted, a smaller message limit). The brokers
 * of every environment the project starts have auto-creation off, so no topic gets a broker's defaults.
 */
@ApplicationScoped
public class TopicProvisioner {

    /** The connector-wide Kafka settings every channel gets ({@code kafka.*}: the brokers, security). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaDefaults;

    void provision(@Observes @Initialized(ApplicationScoped.class) @Priority(2) Object event) {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("bright.kafka.provision", Boolean.class).orElse(true)) {
            return;
        }
        int partitions = config.getOptionalValue("bright.kafka.partitions", Integer.class).orElse(6);
        short replicas = config.getOptionalValue("bright.kafka.replication-factor", Short.class).orElse((short) 1);
        Duration wait = config.getOptionalValue("bright.kafka.provision-wait", Duration.class).orElse(Duration.ofMinutes(2));
        Map<String, Object> props = adminConfig(kafkaDefaults,
                key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
        try (Admin admin = Admin.create(props)) {
            List<String> problems = provision(admin, Topics.declared(partitions, replicas), wait);
            if (!problems.isEmpty()) {
                String reason = "refusing to start: " + String.join("; ", problems)
                        + " (fix the topic, or on a local stack run ./bright reset)";
                Log.error(reason);
                throw new IllegalStateException(reason);
            }
        }
    }

    /**
     * The admin client's settings: the channels' connector-wide Kafka settings that are admin client settings
     * (the brokers and the security ones; blank ones are unset), with the SASL credentials, so that the
     * provisioner connects as every channel does.
     */
    static Map<String, Object> adminConfig(Map<String, Object> kafkaDefaults, Function<String, Optional<String>> config) {
        Map<String, Object> props = new HashMap<>();
        kafkaDefaults.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key) && value != null && !value.toString().isBlank()) {
                props.put(key, value.toString());
            }
        });
        props.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        KafkaCredentials.complete(props, config);
        return props;
    }

    /**
     * Creates the declared topics that are missing and checks every one; returns each contradiction as
     * "topic NAME: what". Waits up to {@code wait} for a broker that is not there yet.
     */
    public static List<String> provision(Admin admin, List<TopicDeclaration> declared, Duration wait) {
        Instant giveUp = Instant.now().plus(wait);
        while (true) {
            try {
                return createAndCheck(admin, declared);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while provisioning Kafka topics", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("cannot provision Kafka topics: " + e.getMessage(), e);
                }
                Log.warnf("Kafka not ready for provisioning topics (%s); trying again", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while provisioning Kafka topics", ie);
                }
            }
        }
    }

    private static List<String> createAndCheck(Admin admin, List<TopicDeclaration> declared)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (TopicDeclaration d : declared) {
            if (!existing.contains(d.name())) {
                missing.add(new NewTopic(d.name(), d.partitions(), d.replicationFactor()).configs(d.configs()));
            }
        }
        if (!missing.isEmpty()) {
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                    Log.infof("created topic %s", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        List<String> names = declared.stream().map(TopicDeclaration::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        for (TopicDeclaration d : declared) {
            TopicDescription description = descriptions.get(d.name());
            Map<String, String> actual = new HashMap<>();
            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name())).entries()
                    .forEach(entry -> actual.put(entry.name(), entry.value()));
            int replicas = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            for (String what : d.contradictions(description.partitions().size(), replicas, actual)) {
                problems.add("topic " + d.name() + ": " + what);
            }
        }
        return problems;
    }
}
