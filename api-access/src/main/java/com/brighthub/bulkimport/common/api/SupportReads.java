package com.brighthub.bulkimport.common.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of Bright Support's reads go to the audit trail: the first of a user on a path within a window.
 * Bounded: past {@code capacity} keys it starts again (a read may then be audited twice, never missed).
 * Per instance: another instance audits its own first read.
 */
final class SupportReads {

    private final Duration window;
    private final int capacity;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    SupportReads(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** True when {@code key} (user and path) was not audited within the window before {@code now}. */
    boolean firstIn(String key, Instant now) {
        if (last.size() >= capacity) {
            last.clear();
        }
        boolean[] first = {false};
        last.compute(key, (k, at) -> {
            if (at == null || !at.plus(window).isAfter(now)) {
                first[0] = true;
                return now;
            }
            return at;
        });
        return first[0];
    }
}
