package com.brighthub.bulkimport.syncworker.domain;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which practices BrightClient is throttling (429, per organisation), as this instance has seen: until when
 * to send nothing more for one, and whether it has been throttled long enough that its records leave the
 * bulk lanes for the deferred one, so that one practice's limit never holds up another's records. A
 * throttled spell lasts from its first 429 until {@code calm} passes without one. Pure: the caller passes
 * the clock. Bounded: the practices throttled longest ago are forgotten.
 */
final class AccountThrottles {

    static final int MAX_ACCOUNTS = 10_000;

    private final long limitedAfterNanos;
    private final long calmNanos;

    private static final class Spell {
        long since;
        long last;
        long until;
    }

    private final Map<String, Spell> byAccount = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Spell> eldest) {
            return size() > MAX_ACCOUNTS;
        }
    };

    /**
     * @param limitedAfter how long a spell lasts before the practice's records are deferred
     * @param calm         a time without a 429 that ends a spell
     */
    AccountThrottles(Duration limitedAfter, Duration calm) {
        this.limitedAfterNanos = limitedAfter.toNanos();
        this.calmNanos = calm.toNanos();
    }

    /** BrightClient answered 429 for the practice at {@code nowNanos}, asking for {@code retryAfter}. */
    synchronized void throttled(String accountId, long nowNanos, Duration retryAfter) {
        Spell spell = byAccount.get(accountId);
        if (spell == null || nowNanos - spell.last >= calmNanos) {
            spell = new Spell();
            spell.since = nowNanos;
            spell.until = nowNanos;
            byAccount.put(accountId, spell);
        }
        spell.last = nowNanos;
        spell.until = Math.max(spell.until, nowNanos + retryAfter.toNanos());
    }

    /** How long to send nothing for the practice, from {@code nowNanos}: zero when calls may go. */
    synchronized long waitNanos(String accountId, long nowNanos) {
        Spell spell = byAccount.get(accountId);
        return spell == null ? 0 : Math.max(0, spell.until - nowNanos);
    }

    /** True while the practice is in a spell that has lasted {@code limitedAfter}: its records are deferred. */
    synchronized boolean limited(String accountId, long nowNanos) {
        Spell spell = byAccount.get(accountId);
        return spell != null && nowNanos - spell.last < calmNanos && spell.last - spell.since >= limitedAfterNanos;
    }
}
