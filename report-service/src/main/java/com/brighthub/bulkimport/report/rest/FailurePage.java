package com.brighthub.bulkimport.report.rest;

import java.util.List;

/**
 * A page of failure rows for the BrightHub frontend.
 */
public record FailurePage(List<FailureItem> items, int page, int size, long totalItems) {

    /** One failure row with its user-facing reason and fix. */
    public record FailureItem(String clientId, String clientReference, String clientName, String reasonCode,
            String reason, String detail, String howToFix, String status) {

        /** A stored failure row in the users' words. */
        public static FailureItem of(com.brighthub.bulkimport.report.persistence.FailureRow r) {
            com.brighthub.bulkimport.model.events.ReasonCode rc =
                    com.brighthub.bulkimport.model.events.ReasonCode.valueOf(r.reasonCode());
            return new FailureItem(r.clientId(), r.clientReference(), r.clientName(), rc.name(), rc.reason(), r.detail(),
                    rc.howToFix(r.detail()), r.status());
        }
    }
}
