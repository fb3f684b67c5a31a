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

    @Inject
    @Channel("client-saved")
    Emitter<String> emitter;

    public void publish(String accountId, String clientId, JsonNode client) {
        ClientSaved event = new ClientSaved(UUID.randomUUID(), accountId, Instant.now(), client);
        KeyedMessages.sendAll(emitter, List.of(KeyedMessages.keyed(Topics.clientKey(accountId, clientId), event)));
    }
}
