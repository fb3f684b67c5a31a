package com.brighthub.bulkimport.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.brighthub.bulkimport.model.Topics;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    private final TopicNames names = new TopicNames();

    @Test
    void everyDeclaredTopicIsInTheConfigurationByItsShortName() {
        assertEquals(Topics.declared(1, (short) 1).size(), names.getPropertyNames().size());
        assertEquals(Topics.CLIENT_RECORDS, names.getValue("bright.topic.client-records"));
        assertEquals(Topics.CLIENT_SAVED, names.getValue("bright.topic.client-saved"));
        assertEquals(Topics.DLQ_SYNC_WORKER, names.getValue("bright.topic.dlq.sync-worker"));
        assertEquals(Topics.CLIENT_LINKS, names.getValue("bright.topic.client-links"));
    }

    @Test
    void aNameThatIsNotATopicIsAbsent() {
        assertEquals(null, names.getValue("bright.topic.client"));
    }
}
