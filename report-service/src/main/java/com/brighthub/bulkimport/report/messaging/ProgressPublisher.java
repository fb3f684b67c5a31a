package com.brighthub.bulkimport.report.messaging;

import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ImportProgress;
import com.brighthub.bulkimport.report.config.ReportConfig;
import com.brighthub.bulkimport.report.persistence.ReportRow;
import com.brighthub.bulkimport.report.persistence.ProgressOutbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Tells import-api how far each import got: at most once per interval while it runs, and always when
 * it completes. Publication is recorded only after the broker's ack, and a periodic sweep re-sends what a
 * crash left unannounced, so a completion is never lost, and announces progress the interval held back
 * with nothing after it (import-api waits for it before it enumerates more of an import).
 */
@ApplicationScoped
public class ProgressPublisher {

    @Inject
    ProgressOutbox outbox;

    @Inject
    ReportConfig config;

    @Inject
    @Channel("import-progress")
    Emitter<String> emitter;

    /** Publishes what is due among {@code importIds}. */
    public void publish(Collection<String> importIds) {
        if (!importIds.isEmpty()) {
            send(outbox.dueForProgress(importIds, config.progressInterval()));
        }
    }

    @Scheduled(every = "${report.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        send(outbox.unannouncedCompletions());
        send(outbox.unannouncedProgress(config.progressInterval()));
    }

    private void send(List<ReportRow> due) {
        if (due.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<Message<String>> messages = due.stream().map(r -> KeyedMessages.keyed(Topics.importKey(r.accountId(), r.importId()),
                new ImportProgress(UUID.randomUUID(), r.accountId(), r.importId(), now, r.processed(), r.imported(),
                        r.failed(), r.excluded(), r.alreadyLinked(), r.lastActivityAt(), r.completedAt() != null)))
                .toList();
        KeyedMessages.sendAll(emitter, messages);
        outbox.markPublished(due);
    }
}
