package com.brighthub.bulkimport.devtools;

import com.brighthub.bulkimport.model.KafkaSecurity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./bright groups}: how the running instances share the work – each consumer group of the pipeline,
 * its members (one per instance and channel) with the partitions each holds, and what each partition has
 * left to read. Run it while an import runs on {@code ./bright up --instances 2} to see the partitions
 * spread, and again after stopping an instance to see them move.
 */
public final class GroupsCli {

    /** The pipeline's consumer groups, each with the topics it reads. */
    public static final List<String> GROUPS = List.of("import-api-change-listener", "record-validator",
            "record-validator-saves", "sync-worker", "sync-worker-saves", "sync-worker-deferred", "report-service",
            "import-api");

    /** One member of a group: the instance (client id and host) and the partitions it holds. */
    public record Member(String clientId, String host, List<TopicPartition> partitions) {
    }

    private GroupsCli() {
    }

    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(KafkaSecurity.clientConfig(System::getenv))) {
            for (String group : GROUPS) {
                List<Member> members = members(admin, group);
                Map<TopicPartition, Long> lag = lag(admin, group);
                System.out.printf("%s: %d member%s, %,d records left to read%n", group, members.size(),
                        members.size() == 1 ? "" : "s", lag.values().stream().mapToLong(Long::longValue).sum());
                for (Member m : members) {
                    List<String> held = m.partitions().stream().map(tp -> tp.topic() + "-" + tp.partition()
                            + (lag.containsKey(tp) ? " (" + lag.get(tp) + " left)" : "")).toList();
                    System.out.printf("   %-60s %s%n", m.clientId() + " " + m.host(), String.join(", ", held));
                }
            }
        }
    }

    /** The members of {@code group} now, each with its partitions, in a stable order. */
    public static List<Member> members(Admin admin, String group) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS)
                .get(group);
        List<Member> out = new ArrayList<>();
        d.members().forEach(m -> out.add(new Member(m.clientId(), m.host(), m.assignment().topicPartitions().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList())));
        out.sort(Comparator.comparing(Member::clientId).thenComparing(Member::host));
        return out;
    }

    /** Per partition the group has committed on: records between its committed offset and the end. */
    static Map<TopicPartition, Long> lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        if (latest.isEmpty()) {
            return out;
        }
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            out.put(tp, Math.max(0, end.offset() - (c == null ? 0 : c.offset())));
        });
        return out;
    }
}
