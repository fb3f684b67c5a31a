package com.brighthub.bulkimport.report.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.SyncResult;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.report.domain.DeadLettered;
import com.brighthub.bulkimport.report.persistence.Outcome;
import com.brighthub.bulkimport.report.domain.ReportAggregator;
import com.brighthub.bulkimport.report.persistence.SaveOutcome;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads import-api's lifecycle facts, the validator's verdicts and the sync worker's outcomes – of
 * imports and of BrightManager saves – from one consumer, folds each polled batch into the reports,
 * then publishes progress.
 */
@ApplicationScoped
public class PipelineListener {


    @Inject
    ReportAggregator aggregator;

    @Inject
    ProgressPublisher progress;

    @Inject
    DeadLetters deadLetters;

    @Incoming("pipeline")
    @Blocking
    public void onEvents(ConsumerRecords<String, String> records) {
        List<ImportEvent> lifecycle = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<SaveOutcome> saves = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            switch (record.topic()) {
                case Topics.IMPORT_EVENTS -> {
                    ImportEvent e = EventBatch.decode(record, ImportEvent.class, deadLetters);
                    if (e != null) {
                        lifecycle.add(e);
                    }
                }
                case Topics.VALIDATION_RESULTS, Topics.SAVE_VERDICTS -> {
                    if (EventBatch.headedVerdict(record) == Verdict.PASS) {
                        // a PASS settles nothing here (its sync result does): skipped unread, three in four
                        // verdicts, each carrying its whole client
                        continue;
                    }
                    ValidationResult v = EventBatch.decode(record, ValidationResult.class, deadLetters);
                    if (v != null) {
                        switch (v.origin()) {
                            case IMPORT -> Outcome.of(v).ifPresent(outcomes::add);
                            case SAVE -> SaveOutcome.of(v).ifPresent(saves::add);
                        }
                    }
                }
                case Topics.SYNC_RESULTS -> {
                    SyncResult s = EventBatch.decode(record, SyncResult.class, deadLetters);
                    if (s != null) {
                        switch (s.origin()) {
                            case IMPORT -> Outcome.of(s).ifPresent(outcomes::add);
                            case SAVE -> SaveOutcome.of(s).ifPresent(saves::add);
                        }
                    }
                }
                case Topics.DLQ_IMPORT_API, Topics.DLQ_RECORD_VALIDATOR, Topics.DLQ_SYNC_WORKER,
                        Topics.DLQ_REPORT_SERVICE -> DeadLettered.of(record).ifPresent(outcomes::add);
                default -> deadLetters.send(record, "report-service does not read topic " + record.topic());
            }
        }
        Persistently.run("folding " + records.count() + " events into reports", () -> {
            Set<String> touched = aggregator.apply(lifecycle, outcomes, saves);
            progress.publish(touched);
        });
    }

}
