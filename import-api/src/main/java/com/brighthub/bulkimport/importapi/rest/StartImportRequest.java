package com.brighthub.bulkimport.importapi.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a start request: the admin's confirmation that the import cannot be undone. Only the JSON
 * literal {@code true} confirms: no coercion of {@code 1}, {@code "true"} or anything else.
 */
public record StartImportRequest(JsonNode confirmIrreversible) {

    /** True only for an explicit boolean {@code true}. */
    public boolean confirmed() {
        return confirmIrreversible != null && confirmIrreversible.isBoolean() && confirmIrreversible.booleanValue();
    }
}
