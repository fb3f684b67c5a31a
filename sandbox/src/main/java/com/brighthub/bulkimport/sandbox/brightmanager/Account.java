package com.brighthub.bulkimport.sandbox.brightmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A BrightManager practice account, as the BrightManager API serves it, with when BrightClient was
 * enabled on it (saves from before then sync nothing; set by BrightManager, never by a caller).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(String accountId, String name, Boolean brightClientEnabled,
        java.time.Instant brightClientEnabledAt) {
}
