package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.importapi.domain.ImportService;
import com.brighthub.bulkimport.model.events.ImportProgress;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies report-service's progress events to the imports, so status and percent are served here.
 */
@ApplicationScoped
public class ProgressListener {


    @Inject
    ImportService imports;

    @Inject
    DeadLetters deadLetters;

    @Inject
    com.brighthub.bulkimport.importapi.domain.ImportEnds ends;

    @Incoming("import-progress")
    @Blocking
    public void onProgress(ConsumerRecords<String, String> records) {
        var progress = EventBatch.decode(records, ImportProgress.class, deadLetters);
        Persistently.run("applying progress", () -> QuarkusTransaction.requiringNew()
                .run(() -> progress.forEach(d -> imports.applyProgress(d.event()))));
        if (progress.stream().anyMatch(d -> d.event().completed())) {
            ends.announce();
        }
    }
}
