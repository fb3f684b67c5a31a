package com.brighthub.bulkimport.model.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A person holding a role at a client; a contact with no role cannot sync.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Contact(
        String kind,
        String personId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String role) {

    /** The name a user recognises the contact by, for failure details. */
    public String displayName() {
        String full = ((firstName == null ? "" : firstName.strip()) + " "
                + (lastName == null ? "" : lastName.strip())).strip();
        if (!full.isEmpty()) {
            return full;
        }
        return personId == null || personId.isBlank() ? "unnamed contact" : personId;
    }
}
