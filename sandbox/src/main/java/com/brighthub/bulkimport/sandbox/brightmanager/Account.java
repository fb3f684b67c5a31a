package com.brighthub.bulkimport.sandbox.brightmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A BrightManager practice account, as the BrightManager API serves it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(String accountId, String name, Boolean brightClientEnabled) {
}
