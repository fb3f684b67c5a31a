package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A BrightManager client linked to its BrightClient record (published by sync-worker, compacted by key).
 *
 * @param linkedByImport the import whose record created the link, or null when a save did
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientLink(String accountId, String clientId, String brightClientId, Instant linkedAt,
        String linkedByImport) implements Checked {

    @Override
    public String problem() {
        return Checked.missing(new String[] {"accountId", "clientId", "brightClientId"}, accountId, clientId,
                brightClientId);
    }
}
