package com.brighthub.bulkimport.syncworker.domain;

import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientRecord;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Whether BrightClient serves an account now, asked with a create it already accepted for the account: sent
 * again with its own idempotency key it creates nothing and returns the same record. The question is what
 * tells one record BrightClient cannot take (it answers the probe) from an outage (it does not). One answer
 * stands for a while, shared by every record that asks meanwhile, so an outage costs BrightClient one probe
 * per account per while, however many records wait. Bounded: the accounts used longest ago are forgotten.
 */
final class AccountProbes {

    static final int MAX_ACCOUNTS = 10_000;

    private static final class Probe {
        private final String accountId;
        private final String idempotencyKey;
        private final BrightClientRecord record;
        private CompletableFuture<Boolean> served;
        private long askedAt;

        Probe(String accountId, String idempotencyKey, BrightClientRecord record) {
            this.accountId = accountId;
            this.idempotencyKey = idempotencyKey;
            this.record = record;
        }

        synchronized CompletableFuture<Boolean> ask(BrightClientPort port, long nowNanos, Duration standsFor,
                long notAskedBefore) {
            if (served == null || askedAt - notAskedBefore < 0
                    || served.isDone() && nowNanos - askedAt >= standsFor.toNanos()) {
                askedAt = nowNanos;
                CompletableFuture<Boolean> answer = new CompletableFuture<>();
                try {
                    port.create(accountId, idempotencyKey, record)
                            .whenComplete((a, failure) -> answer.complete(failure == null && a != null));
                } catch (RuntimeException e) {
                    answer.complete(false);
                }
                served = answer;
            }
            return served;
        }
    }

    private final Map<String, Probe> byAccount = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Probe> eldest) {
            return size() > MAX_ACCOUNTS;
        }
    });

    /** BrightClient accepted this create: it can ask about the account from now on. */
    void accepted(String accountId, String idempotencyKey, BrightClientRecord record) {
        byAccount.put(accountId, new Probe(accountId, idempotencyKey, record));
    }

    /**
     * True if BrightClient answers the account's probe through {@code port}; false if the probe fails, or if
     * nothing of the account was ever accepted to probe with. A probe asked at {@code notAskedBefore} or
     * later is reused while its answer is less than {@code standsFor} old: an answer about BrightClient
     * from before a record's failure says nothing about that failure.
     */
    CompletableFuture<Boolean> served(String accountId, BrightClientPort port, long nowNanos, Duration standsFor,
            long notAskedBefore) {
        Probe probe = byAccount.get(accountId);
        return probe == null ? CompletableFuture.completedFuture(false)
                : probe.ask(port, nowNanos, standsFor, notAskedBefore);
    }
}
