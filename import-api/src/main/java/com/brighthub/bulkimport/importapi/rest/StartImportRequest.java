package com.brighthub.bulkimport.importapi.rest;

/**
 * The body of a start request: the admin's confirmation that the import cannot be undone.
 */
public record StartImportRequest(Boolean confirmIrreversible) {

    /** True only for an explicit {@code true}. */
    public boolean confirmed() {
        return Boolean.TRUE.equals(confirmIrreversible);
    }
}
