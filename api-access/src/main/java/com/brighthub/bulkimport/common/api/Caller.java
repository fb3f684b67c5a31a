package com.brighthub.bulkimport.common.api;

/**
 * The authenticated BrightHub user behind a request, after account access was checked.
 */
public record Caller(String userId, String role, String accountId) {
}
