package com.brighthub.bulkimport.report.rest;

import java.util.List;

/**
 * A page of failure rows for the BrightHub frontend.
 */
public record FailurePage(List<FailureItem> items, int page, int size, long totalItems) {

    /** One failure row with its user-facing reason and fix. */
    public record FailureItem(String clientId, String clientReference, String clientName, String reasonCode,
            String reason, String detail, String howToFix, String status) {
    }
}
