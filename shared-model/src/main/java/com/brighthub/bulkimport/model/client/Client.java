package com.brighthub.bulkimport.model.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A BrightManager client file as BrightManager serves it (contracts.md); unknown fields are ignored.
 *
 * @param type one of {@link ClientType}'s names; kept as text so an unknown value is a validation
 *             failure, not a message that cannot be read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Client(
        String id,
        String reference,
        String name,
        String type,
        String companyNumber,
        String vatNumber,
        String primaryEmail,
        List<Address> addresses,
        List<Contact> contacts) {

    public Client {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
}
