package com.brighthub.bulkimport.model.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A typed address on a client file; BrightClient needs at least {@code line1}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Address(
        String type,
        String line1,
        String line2,
        String line3,
        String city,
        String region,
        String postcode,
        String country) {
}
