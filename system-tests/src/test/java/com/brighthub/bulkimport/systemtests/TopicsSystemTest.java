package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.common.messaging.TopicProvisioner;
import com.brighthub.bulkimport.model.TopicDeclaration;
import com.brighthub.bulkimport.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topics on the real broker are the declared ones, created by the services themselves, on a broker
 * that creates none by itself; a topic that contradicts its declaration stops a service's start.
 */
class TopicsSystemTest {

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.get();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }

    @Test
    void theServicesCreatedEveryTopicAsDeclaredOnABrokerThatCreatesNoneItself() throws Exception {
        try (Admin admin = admin()) {
            List<TopicDeclaration> declared = Topics.declared(6, (short) 1);
            assertThat(TopicProvisioner.provision(admin, declared, Duration.ofSeconds(30))).isEmpty();
            assertThat(admin.describeTopics(List.of(Topics.CLIENT_RECORDS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.CLIENT_RECORDS).partitions()).hasSize(6);
            ConfigResource links = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CLIENT_LINKS);
            assertThat(admin.describeConfigs(List.of(links)).all().get(30, TimeUnit.SECONDS).get(links)
                    .get("cleanup.policy").value()).isEqualTo("compact");
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            assertThat(admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker)
                    .get("auto.create.topics.enable").value()).isEqualTo("false");
        }
    }

    @Test
    void aTopicThatContradictsItsDeclarationIsNamedWithWhatIsWrong() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("systest.links-like", 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete", "max.message.bytes", "1000")))).all().get(30, TimeUnit.SECONDS);

            List<String> problems = TopicProvisioner.provision(admin, List.of(new TopicDeclaration("systest.links-like", 6,
                    (short) 1, "compact", -1, Topics.MAX_MESSAGE_BYTES)), Duration.ofSeconds(30));

            assertThat(problems).containsExactly(
                    "topic systest.links-like: it has 2 partitions, at least 6 are declared",
                    "topic systest.links-like: cleanup.policy is delete, compact is declared",
                    "topic systest.links-like: max.message.bytes is 1000, at least " + Topics.MAX_MESSAGE_BYTES
                            + " is declared");
        }
    }

    @Test
    void aServiceRefusesToStartOnTopicsWithFewerPartitionsThanItIsConfiguredFor() throws Exception {
        LocalStack.Exit exit = stack.startOnce("record-validator", Map.of("BRIGHT_KAFKA_PARTITIONS", "12"), Set.of());

        assertThat(exit.code()).as("exits on its own, unsuccessfully").isNotNull().isNotZero();
        assertThat(exit.output()).contains("refusing to start: topic " + Topics.CLIENT_SAVED
                + ": it has 6 partitions, at least 12 are declared");
    }
}
