package com.brighthub.bulkimport.report.persistence;

import java.time.Instant;

/**
 * One failure reason of one client, as the failures file lists it.
 */
public record FailureRow(long id, String clientId, String clientReference, String clientName, String reasonCode,
        String detail, String status, Instant createdAt, Instant resolvedAt) {
}
