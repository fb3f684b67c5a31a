package com.brighthub.bulkimport.common.api;

import java.time.Instant;

/**
 * Fired (asynchronously) when Bright Support is let into a practice account's API, so the access lands
 * in that account's audit trail.
 */
public record SupportAccess(String userId, String accountId, String method, String path, Instant at) {
}
