package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Publishes the end of every import – COMPLETED, FAILED or CANCELLED – to the other services, from an
 * outbox flag on the import's row: an end is marked announced only after the broker acknowledged it,
 * and a periodic sweep re-sends what a crash left unannounced. Sending twice is harmless; report-service
 * applies an end once.
 */
@ApplicationScoped
public class ImportEnds {

    private static final int BATCH = 100;

    @Inject
    ImportAnnouncements events;

    /** Announces every ended import not yet announced. */
    @Scheduled(every = "${bulk-import.end-sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public synchronized void announce() {
        try {
            List<ImportRun> ended;
            do {
                ended = QuarkusTransaction.requiringNew().call(() -> ImportRun.<ImportRun>find(
                        "endAnnounced = false and status <> ?1", ImportStatus.RUNNING).page(0, BATCH).list());
                for (ImportRun run : ended) {
                    events.ended(run);
                    QuarkusTransaction.requiringNew().run(() -> ImportRun.update(
                            "endAnnounced = true where id = ?1", run.id));
                    Log.infof("import %s of account %s ended %s%s", run.id, run.accountId, run.status,
                            run.failureReason == null ? "" : ": " + run.failureReason);
                }
            } while (ended.size() == BATCH);
        } catch (RuntimeException e) {
            Log.warnf("could not announce ended imports (%s); the next sweep tries again", e.getMessage());
        }
    }
}
