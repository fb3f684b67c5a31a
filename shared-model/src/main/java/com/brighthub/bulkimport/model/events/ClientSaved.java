package com.brighthub.bulkimport.model.events;

import com.brighthub.bulkimport.model.client.Client;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * BrightManager's client-saved event (contracts.md): a client file was saved.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientSaved(UUID eventId, String accountId, Instant savedAt, Client client) implements Checked {

    @Override
    public String problem() {
        if (client == null) {
            return "missing client";
        }
        return Checked.missing(new String[] {"accountId", "client.id"}, accountId, client.id());
    }
}
