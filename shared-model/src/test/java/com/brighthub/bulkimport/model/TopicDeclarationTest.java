package com.brighthub.bulkimport.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicDeclarationTest {

    static final TopicDeclaration PIPELINE = new TopicDeclaration("p", 6, (short) 3, "delete", 604_800_000L, 1_048_588);
    static final TopicDeclaration LINKS = new TopicDeclaration("l", 6, (short) 3, "compact", -1, 1_048_588);

    static Map<String, String> configs(String policy, String retention, String maxBytes) {
        return Map.of("cleanup.policy", policy, "retention.ms", retention, "max.message.bytes", maxBytes);
    }

    @Test
    void aTopicAsDeclaredOrScaledUpContradictsNothing() {
        assertThat(PIPELINE.contradictions(6, 3, PIPELINE.configs())).isEmpty();
        assertThat(PIPELINE.contradictions(24, 5, configs("delete", "-1", "5000000"))).isEmpty();
        assertThat(LINKS.contradictions(6, 3, LINKS.configs())).isEmpty();
        assertThat(LINKS.contradictions(6, 3, configs("compact", "604800000", "1048588")))
                .as("retention does not apply to a compacted topic").isEmpty();
    }

    @Test
    void eachSettingBelowItsDeclarationIsNamed() {
        assertThat(PIPELINE.contradictions(5, 2, configs("compact", "1000", "1048587"))).containsExactly(
                "it has 5 partitions, at least 6 are declared", "it has 2 replicas, at least 3 are declared",
                "cleanup.policy is compact, delete is declared", "retention.ms is 1000, at least 604800000 is declared",
                "max.message.bytes is 1048587, at least 1048588 is declared");
        assertThat(LINKS.contradictions(6, 3, configs("delete", "604800000", "1048588")))
                .containsExactly("cleanup.policy is delete, compact is declared");
    }

    @Test
    void everyTopicTheSystemUsesIsDeclaredOnceAndOnlyTheLinksAreCompacted() {
        var declared = Topics.declared(6, (short) 1);

        assertThat(declared).extracting(TopicDeclaration::name).doesNotHaveDuplicates().contains(Topics.CLIENT_SAVED,
                Topics.CLIENT_RECORDS, Topics.VALIDATION_RESULTS, Topics.SAVE_RECORDS, Topics.SAVE_VERDICTS,
                Topics.SYNC_DEFERRED,
                Topics.SYNC_RESULTS, Topics.IMPORT_EVENTS,
                Topics.IMPORT_PROGRESS, Topics.CLIENT_LINKS, Topics.AUDIT, Topics.DLQ_IMPORT_API,
                Topics.DLQ_RECORD_VALIDATOR, Topics.DLQ_SYNC_WORKER, Topics.DLQ_REPORT_SERVICE, Topics.DLQ_SANDBOX);
        assertThat(declared).filteredOn(d -> d.cleanupPolicy().equals("compact")).extracting(TopicDeclaration::name)
                .containsExactly(Topics.CLIENT_LINKS);
        assertThat(declared).allSatisfy(d -> assertThat(d.partitions()).isEqualTo(6));
    }
}
