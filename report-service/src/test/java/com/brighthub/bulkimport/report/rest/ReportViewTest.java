package com.brighthub.bulkimport.report.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.report.persistence.ReportRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportViewTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    static ReportRow running(Instant lastActivity) {
        return new ReportRow("I", "A", "alice", T0, true, 1000, 100, 900, 300, 50, 50, 0, T0, lastActivity, null, 0, "RUNNING", null,
                null);
    }

    @Test
    void aRunningImportWithoutNewOutcomesForTheStallTimeIsStalledAndSaysWhatIsOutstanding() {
        ReportView view = ReportView.of(running(T0.plusSeconds(60)), Map.of(), Duration.ofMinutes(5),
                T0.plusSeconds(60 + 301));

        assertThat(view.stalled()).isTrue();
        assertThat(view.outstanding()).isEqualTo(500);
        assertThat(view.status()).isEqualTo("RUNNING");
    }

    @Test
    void recentProgressIsNotStalledAndGivesARateAndAnEta() {
        ReportView view = ReportView.of(running(T0.plusSeconds(40)), Map.of(), Duration.ofMinutes(5), T0.plusSeconds(40));

        assertThat(view.stalled()).isFalse();
        assertThat(view.clientsPerSecond()).isEqualTo(10.0);
        assertThat(view.etaSeconds()).isEqualTo(50);
        assertThat(view.percent()).isEqualTo(50);
    }

    @Test
    void aCompletedImportIsNeverStalled() {
        ReportRow done = new ReportRow("I", "A", "alice", T0, true, 1000, 100, 900, 800, 50, 50, 0, T0,
                T0.plusSeconds(10), T0.plusSeconds(10), 0, "COMPLETED", null, T0.plusSeconds(10));

        ReportView view = ReportView.of(done, Map.of("ADDRESS_LINE_1_MISSING", new long[] {70, 70}),
                Duration.ofMinutes(5), T0.plusSeconds(3600));

        assertThat(view.stalled()).isFalse();
        assertThat(view.status()).isEqualTo("COMPLETED");
        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.alreadyLinked() + view.excluded() + view.imported() + view.failed()).isEqualTo(view.total());
        assertThat(view.notProcessed()).isZero();
        assertThat(view.reasons()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("Address Line 1 is missing");
            assertThat(r.howToFix()).contains("add at least Address Line 1");
        });
    }

    @Test
    void aCancelledImportCountsWhatItDidNotReachAsNotProcessedAndIsNeverStalled() {
        ReportRow cancelled = new ReportRow("I", "A", "alice", T0, false, 1000, 100, 600, 300, 50, 50, 0, T0,
                T0.plusSeconds(10), null, 0, "CANCELLED", null, T0.plusSeconds(10));

        ReportView view = ReportView.of(cancelled, Map.of(), Duration.ofMinutes(5), T0.plusSeconds(3600));

        assertThat(view.status()).isEqualTo("CANCELLED");
        assertThat(view.stalled()).isFalse();
        assertThat(view.notProcessed()).isEqualTo(500);
        assertThat(view.outstanding()).as("sent on but skipped after the cancel: not processed").isZero();
        assertThat(view.alreadyLinked() + view.excluded() + view.imported() + view.failed() + view.notProcessed())
                .isEqualTo(view.total());
        assertThat(view.percent()).isEqualTo(50);
    }
}
