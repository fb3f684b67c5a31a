package com.brighthub.bulkimport.common.api;

/**
 * Fired (asynchronously) when {@link AccountAccess} refuses an authenticated caller, so a service can
 * audit it without slowing or complicating the filter.
 */
public record AccessRefused(String userId, String role, String tokenAccount, String pathAccount, String method,
        String path) {
}
