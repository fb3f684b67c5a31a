package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.importapi.persistence.ClientLinks;
import com.brighthub.bulkimport.model.events.ClientLink;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps import-api's copy of the client links that sync-worker publishes.
 */
@ApplicationScoped
public class LinkListener {


    @Inject
    ClientLinks links;

    @Inject
    DeadLetters deadLetters;

    @Incoming("client-links")
    @Blocking
    public void onLinks(ConsumerRecords<String, String> records) {
        var decoded = EventBatch.decode(records, ClientLink.class, deadLetters);
        List<ClientLink> batch = decoded.stream().map(EventBatch.Decoded::event).toList();
        Persistently.run("recording " + batch.size() + " links",
                () -> QuarkusTransaction.requiringNew().run(() -> links.record(batch)));
    }
}
