package com.brighthub.bulkimport.validator.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.model.rules.ClientRules;
import com.brighthub.bulkimport.model.rules.Evaluation;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Applies the import rules to each client record and emits its verdict with every reason. Stateless:
 * a redelivered record gives the same verdict again, which downstream services de-duplicate. The
 * polled batch is committed only after every verdict was acknowledged by the broker.
 */
@ApplicationScoped
public class RecordValidator {

    @Inject
    @Channel("validation-results")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> results;

    /** The save lane's verdicts: a save's verdict never waits behind an import's. */
    @Inject
    @Channel("save-verdicts")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> saveVerdicts;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @Incoming("client-records")
    @Blocking
    public void validate(ConsumerRecords<String, String> records) {
        validate(records, results);
    }

    /** The save lane: BrightManager saves, validated as imports' records are, by a consumer of their own. */
    @Incoming("save-records")
    @Blocking
    public void validateSaves(ConsumerRecords<String, String> records) {
        validate(records, saveVerdicts);
    }

    private void validate(ConsumerRecords<String, String> records, Emitter<String> verdicts) {
        List<Message<String>> out = new ArrayList<>(records.count());
        for (var decoded : EventBatch.decode(records, ClientRecordEvent.class, deadLetters)) {
            ValidationResult result = verdict(decoded.event());
            registry.counter("bulkimport.validation.verdicts", "verdict", result.verdict().name()).increment();
            result.reasons().forEach(r -> registry.counter("bulkimport.validation.reasons", "reason", r.code().name())
                    .increment());
            out.add(KeyedMessages.keyed(Topics.clientKey(result.accountId(), result.clientId()), result,
                    ValidationResult.VERDICT_HEADER, result.verdict().name()));
        }
        Persistently.run("sending verdicts", () -> KeyedMessages.sendAll(verdicts, out));
    }

    /** The verdict on one client record. */
    public static ValidationResult verdict(ClientRecordEvent event) {
        String unreadable = event.whyUnreadable();
        if (unreadable != null) {
            // a client file the import could not carry or read is accounted for as a failure, never lost
            return new ValidationResult(UUID.randomUUID(), event.accountId(), event.importId(), event.clientId(),
                    event.origin(), Instant.now(), Verdict.FAIL, List.of(new Reason(ReasonCode.RECORD_UNREADABLE,
                            ClientRules.bounded(unreadable))), null, null, null, event.occurredAt());
        }
        Evaluation evaluation = ClientRules.evaluate(event.client());
        return new ValidationResult(UUID.randomUUID(), event.accountId(), event.importId(), event.clientId(),
                event.origin(), Instant.now(), evaluation.verdict(), evaluation.reasons(),
                evaluation.verdict() == Verdict.PASS ? event.client() : null,
                ClientRules.bounded(event.client().reference()), ClientRules.bounded(event.client().name()),
                event.occurredAt());
    }

    /** Why an import's record cannot be validated as a client file, or null when it can. */

}
