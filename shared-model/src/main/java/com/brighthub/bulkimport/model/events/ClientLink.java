package com.brighthub.bulkimport.model.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A BrightManager client linked to its BrightClient record (published by sync-worker, compacted by key).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientLink(String accountId, String clientId, String brightClientId, Instant linkedAt) {
}
