package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.importapi.domain.Audit;
import com.brighthub.bulkimport.model.events.AuditEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Writes the other services' audit entries (Support reading a report) into the account's audit trail.
 */
@ApplicationScoped
public class AuditListener {


    @Inject
    Audit audit;

    @Inject
    DeadLetters deadLetters;

    @Incoming("audit")
    @Blocking
    public void onAudit(ConsumerRecords<String, String> records) {
        var entries = EventBatch.decode(records, AuditEvent.class, deadLetters);
        Persistently.run("recording " + entries.size() + " audit entries", () -> entries.forEach(d -> audit.record(d.event())));
    }
}
