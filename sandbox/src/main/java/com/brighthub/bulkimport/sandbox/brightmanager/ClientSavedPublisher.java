package com.brighthub.bulkimport.sandbox.brightmanager;

import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes BrightManager's client-saved event (contracts.md) and waits for the broker's ack.
 */
@ApplicationScoped
public class ClientSavedPublisher {

    /** The event as contracts.md fixes it. */
    public record ClientSaved(UUID eventId, String accountId, Instant savedAt, JsonNode client) {
    }

    /** Room for a generated chunk of saves (2,000) sent at once. */
    @Inject
    @Channel("client-saved")
    @org.eclipse.microprofile.reactive.messaging.OnOverflow(value = org.eclipse.microprofile.reactive.messaging.OnOverflow.Strategy.BUFFER,
            bufferSize = 4096)
    Emitter<String> emitter;

    public void publish(String accountId, String clientId, JsonNode client) {
        publishAll(accountId, List.of(java.util.Map.entry(clientId, client)));
    }

    /** Publishes one event per saved client (id to file), each saved now; returns once the broker has them all. */
    public void publishAll(String accountId, List<java.util.Map.Entry<String, JsonNode>> clients) {
        KeyedMessages.sendAll(emitter, clients.stream().map(e -> KeyedMessages.keyed(Topics.clientKey(accountId,
                e.getKey()), new ClientSaved(UUID.randomUUID(), accountId, Instant.now(), e.getValue()))).toList());
    }
}
