package com.brighthub.bulkimport.importapi.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImportViewTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    static ImportRun run(ImportStatus status, boolean enumerated, long total, Long expected, long processed) {
        ImportRun r = new ImportRun();
        r.id = "I";
        r.accountId = "A";
        r.status = status;
        r.startedAt = T0;
        r.lastActivityAt = T0;
        r.enumerationDone = enumerated;
        r.total = total;
        r.expectedTotal = expected;
        r.processed = processed;
        return r;
    }

    @Test
    void aRunningImportIsStalledOnlyAfterTheConfiguredTimeWithoutProgress() {
        ImportRun r = run(ImportStatus.RUNNING, true, 100, null, 10);

        assertThat(ImportView.from(r, Duration.ofMinutes(5), T0.plusSeconds(299)).stalled()).isFalse();
        assertThat(ImportView.from(r, Duration.ofMinutes(5), T0.plusSeconds(301)).stalled()).isTrue();
        r.status = ImportStatus.COMPLETED;
        assertThat(ImportView.from(r, Duration.ofMinutes(5), T0.plusSeconds(301)).stalled()).isFalse();
    }

    @Test
    void percentUsesBrightManagersCountWhileEnumeratingAndNeverClaimsDoneEarly() {
        assertThat(ImportView.from(run(ImportStatus.RUNNING, false, 500, 2000L, 500), Duration.ofMinutes(5), T0)
                .percent()).isEqualTo(25);
        assertThat(ImportView.from(run(ImportStatus.RUNNING, true, 100, null, 100), Duration.ofMinutes(5), T0)
                .percent()).isEqualTo(99);
        assertThat(ImportView.from(run(ImportStatus.COMPLETED, true, 100, null, 100), Duration.ofMinutes(5), T0)
                .percent()).isEqualTo(100);
    }

    @Test
    void anImportWaitingForAFreeEnumeratorIsQueuedNotStalled() {
        ImportRun waiting = run(ImportStatus.RUNNING, false, 0, null, 0);

        ImportView view = ImportView.from(waiting, Duration.ofMinutes(5), T0.plusSeconds(3600), 3L);
        assertThat(view.queued()).isTrue();
        assertThat(view.queuePosition()).isEqualTo(3L);
        assertThat(view.stalled()).isFalse();

        waiting.leaseEpoch = 1; // picked up, and nothing since
        view = ImportView.from(waiting, Duration.ofMinutes(5), T0.plusSeconds(3600), 3L);
        assertThat(view.queued()).isFalse();
        assertThat(view.queuePosition()).as("only a queued import has a place in the queue").isNull();
        assertThat(view.stalled()).isTrue();
    }
}
