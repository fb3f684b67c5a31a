package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.importapi.persistence.ClientLinks;
import com.brighthub.bulkimport.model.events.ClientLink;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps import-api's copy of the client links that sync-worker publishes.
 */
@ApplicationScoped
public class LinkListener {

    private static final String[] REQUIRED = {"accountId", "clientId", "brightClientId"};

    @Inject
    ClientLinks links;

    @Inject
    DeadLetters deadLetters;

    @Incoming("client-links")
    @Blocking
    @Transactional
    public void onLinks(ConsumerRecords<String, String> records) {
        for (var decoded : EventBatch.decode(records, ClientLink.class,
                l -> EventBatch.missing(REQUIRED, l.accountId(), l.clientId(), l.brightClientId()), deadLetters)) {
            ClientLink link = decoded.event();
            links.record(link.accountId(), link.clientId(), link.brightClientId(), link.linkedAt());
        }
    }
}
