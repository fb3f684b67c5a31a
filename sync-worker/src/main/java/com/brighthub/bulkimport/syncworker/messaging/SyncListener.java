package com.brighthub.bulkimport.syncworker.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ClientLink;
import com.brighthub.bulkimport.model.events.SyncResult;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.syncworker.persistence.ClientState;
import com.brighthub.bulkimport.syncworker.domain.ClientSynchroniser;
import com.brighthub.bulkimport.syncworker.domain.ClientSynchroniser.Lane;
import com.brighthub.bulkimport.syncworker.domain.SyncDecision;
import com.brighthub.bulkimport.syncworker.persistence.ClientSyncStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Takes the validator's PASS verdicts a polled batch at a time: synchronises them with BrightClient,
 * stores the links, then publishes outcomes and new links; the batch is committed only after all that
 * is durable, and a redelivered batch finds its links and repeats no create.
 */
@ApplicationScoped
public class SyncListener {


    @Inject
    ClientSynchroniser synchroniser;

    @Inject
    ClientSyncStore store;

    @Inject
    DeadLetters deadLetters;

    @Inject
    com.brighthub.bulkimport.syncworker.persistence.ImportStatuses statuses;

    @Inject
    MeterRegistry registry;

    @Inject
    @Channel("sync-results")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> results;

    @Inject
    @Channel("client-links")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> links;

    /**
     * The deferred lane's way out: records of a practice BrightClient throttles, each sent as it came, so
     * that they leave the batch and its partition moves on.
     */
    @Inject
    @Channel("deferred")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> deferred;

    @Incoming("validation-results")
    @Blocking
    public void onVerdicts(ConsumerRecords<String, String> records) {
        sync(records, Lane.BULK);
    }

    /**
     * The save lane: BrightManager saves' verdicts, synchronised as imports' are, by a consumer and a worker
     * thread of their own, alongside the import batch in progress. Both lanes keep one client's state in the
     * same table, whose writes only ever keep a link and move a save's time forward, and create with the
     * same idempotency key, so a client in both at once is still created once.
     */
    @Incoming("save-verdicts")
    @Blocking
    public void onSaveVerdicts(ConsumerRecords<String, String> records) {
        sync(records, Lane.BULK);
    }

    /**
     * The deferred lane: records of a practice BrightClient throttles, which wait here for the practice while
     * the bulk lanes carry on with everyone else's; one still waiting after {@code sync.throttled.deferred-wait}
     * is deferred again, so that this lane's batch ends too.
     */
    @Incoming("sync-deferred")
    @Blocking
    public void onDeferred(ConsumerRecords<String, String> records) {
        sync(records, Lane.DEFERRED);
    }

    private void sync(ConsumerRecords<String, String> records, Lane lane) {
        List<ValidationResult> passes = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Verdict headed = EventBatch.headedVerdict(record);
            if (headed != null && headed != Verdict.PASS) {
                // nothing to sync: a FAIL or EXCLUDED verdict is skipped unread (report-service reads it)
                continue;
            }
            ValidationResult v = EventBatch.decode(record, ValidationResult.class, deadLetters);
            if (v != null && v.verdict() == Verdict.PASS) {
                passes.add(v);
            }
        }
        if (!passes.isEmpty()) {
            java.util.Set<String> importIds = new java.util.HashSet<>();
            passes.forEach(p -> {
                if (p.importId() != null) {
                    importIds.add(p.importId());
                }
            });
            statuses.watch(importIds);
            try {
                Persistently.run("synchronising " + passes.size() + " clients", () -> synchronise(passes, lane));
            } finally {
                statuses.unwatch(importIds);
            }
        }
    }

    private void synchronise(List<ValidationResult> passes, Lane lane) {
        Map<com.brighthub.bulkimport.model.ClientKey, ClientState> known = store.load(passes.stream()
                .map(p -> ClientState.unseen(p.accountId(), p.clientId())).toList());
        List<SyncDecision> decisions = synchroniser.synchronise(passes, known, lane);
        Map<com.brighthub.bulkimport.model.ClientKey, ClientState> finalStates = new java.util.LinkedHashMap<>();
        decisions.stream().filter(d -> !d.deferred()).forEach(d -> finalStates.put(
                com.brighthub.bulkimport.model.ClientKey.of(d.state().accountId(), d.state().clientId()), d.state()));
        store.save(finalStates.values());

        List<Message<String>> outcomes = new ArrayList<>(decisions.size());
        List<Message<String>> linkEvents = new ArrayList<>();
        List<Message<String>> later = new ArrayList<>();
        Instant now = Instant.now();
        for (SyncDecision d : decisions) {
            ValidationResult in = d.input();
            String key = Topics.clientKey(in.accountId(), in.clientId());
            if (d.deferred()) {
                later.add(KeyedMessages.keyed(key, in, ValidationResult.VERDICT_HEADER, in.verdict().name()));
                continue;
            }
            outcomes.add(KeyedMessages.keyed(key, new SyncResult(UUID.randomUUID(), in.accountId(), in.importId(),
                    in.clientId(), in.origin(), now, d.outcome(), d.brightClientId(),
                    d.reason() == null ? List.of() : List.of(d.reason()), in.clientReference(), in.clientName())));
            if (d.brightClientId() != null) {
                linkEvents.add(KeyedMessages.keyed(key, new ClientLink(in.accountId(), in.clientId(), d.brightClientId(), now,
                        d.state().linkedByImport())));
            }
            registry.counter("bulkimport.sync.outcomes", "outcome", d.outcome().name()).increment();
        }
        KeyedMessages.sendAll(deferred, later);
        KeyedMessages.sendAll(links, linkEvents);
        KeyedMessages.sendAll(results, outcomes);
        if (!later.isEmpty()) {
            registry.counter("bulkimport.sync.deferred", "lane", lane.name()).increment(later.size());
        }
    }

}
