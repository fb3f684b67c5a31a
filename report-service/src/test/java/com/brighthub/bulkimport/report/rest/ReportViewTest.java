package com.brighthub.bulkimport.report.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.ReportRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportViewTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    static final Duration STALL = Duration.ofMinutes(5);

    /** 1000 clients, 100 linked at the start, 900 sent on; 300 imported, 50 failed, 50 excluded, 20 found linked. */
    static ReportRow row(String status, boolean enumerated, Instant lastActivity) {
        return new ReportRow("I", "A", "alice", T0, enumerated, 1000, 100, 900, 300, 50, 50, 20, T0, lastActivity, null,
                3, status, "FAILED".equals(status) ? "BrightManager refused the listing" : null,
                "RUNNING".equals(status) ? null : lastActivity);
    }

    @Test
    void aRunningImportGivesItsFiguresARateAndATimeLeft() {
        ReportView view = ReportView.of(row("RUNNING", true, T0.plusSeconds(40)), Map.of(), STALL, T0.plusSeconds(40));

        assertThat(view.processed()).isEqualTo(520);
        assertThat(view.alreadyLinked()).isEqualTo(120);
        assertThat(view.outstanding()).as("900 sent on, 420 with an outcome").isEqualTo(480);
        assertThat(view.percent()).isEqualTo(52);
        assertThat(view.clientsPerSecond()).as("420 outcomes in 40 s").isEqualTo(10.5);
        assertThat(view.etaSeconds()).as("480 / 10.5, rounded up").isEqualTo(46);
        assertThat(view.notProcessed()).isZero();
        assertThat(view.stalled()).isFalse();
        assertThat(view.finishedAt()).isNull();
        assertThat(view.resolvedSinceImport()).isEqualTo(3);
        assertThat(view.failuresCsvPath()).isEqualTo("/api/v1/accounts/A/imports/I/failures.csv");
        assertThat(ReportView.of(row("RUNNING", true, T0.plusSeconds(40)), Map.of(), STALL, T0.plusSeconds(80))
                .clientsPerSecond()).as("while running the rate runs until now: 420 in 80 s").isEqualTo(5.3);
    }

    @Test
    void anImportIsStalledOnlyOnceItsStallTimeHasPassedWithoutAnOutcome() {
        ReportRow r = row("RUNNING", true, T0.plusSeconds(60));

        assertThat(ReportView.of(r, Map.of(), STALL, T0.plusSeconds(60).plus(STALL)).stalled()).isFalse();
        assertThat(ReportView.of(r, Map.of(), STALL, T0.plusSeconds(61).plus(STALL)).stalled()).isTrue();
        ReportRow nothingYet = new ReportRow("I", "A", "alice", T0, false, 0, 0, 0, 0, 0, 0, 0, null, null, null, 0,
                "RUNNING", null, null);
        assertThat(ReportView.of(nothingYet, Map.of(), STALL, T0.plus(STALL)).stalled()).as("from its start").isFalse();
        assertThat(ReportView.of(nothingYet, Map.of(), STALL, T0.plus(STALL).plusSeconds(1)).stalled()).isTrue();
    }

    @Test
    void withoutAnyOutcomeThereIsNoRateNoTimeLeftAndNoPercent() {
        ReportRow nothingYet = new ReportRow("I", "A", "alice", T0, false, 0, 0, 0, 0, 0, 0, 0, null, null, null, 0,
                "RUNNING", null, null);

        ReportView view = ReportView.of(nothingYet, Map.of(), STALL, T0.plusSeconds(1));

        assertThat(view.clientsPerSecond()).isNull();
        assertThat(view.etaSeconds()).isNull();
        assertThat(view.percent()).isZero();
    }

    @Test
    void whileStillListingThePercentIsOfWhatIsKnownAndNeverReaches100BeforeTheEnd() {
        ReportRow listing = new ReportRow("I", "A", "alice", T0, false, 400, 0, 400, 380, 10, 10, 0, T0,
                T0.plusSeconds(10), null, 0, "RUNNING", null, null);

        ReportView view = ReportView.of(listing, Map.of(), STALL, T0.plusSeconds(10));

        assertThat(view.percent()).as("all 400 known are done, the listing is not").isEqualTo(99);
        assertThat(view.etaSeconds()).as("no time left while the total is unknown").isNull();
        assertThat(view.clientsPerSecond()).isEqualTo(40.0);

        ReportRow ahead = new ReportRow("I", "A", "alice", T0, false, 100, 0, 300, 150, 0, 0, 0, T0, T0.plusSeconds(10),
                null, 0, "RUNNING", null, null);
        assertThat(ReportView.of(ahead, Map.of(), STALL, T0.plusSeconds(10)).percent())
                .as("outcomes ahead of the stored total count against themselves").isEqualTo(99);
        ReportRow listedAhead = new ReportRow("I", "A", "alice", T0, false, 300, 0, 300, 150, 0, 0, 0, T0,
                T0.plusSeconds(10), null, 0, "RUNNING", null, null);
        assertThat(ReportView.of(listedAhead, Map.of(), STALL, T0.plusSeconds(10)).percent()).isEqualTo(50);
    }

    @Test
    void aCompletedImportIs100PercentNeverStalledAndItsRateEndsWithItsLastOutcome() {
        ReportRow done = new ReportRow("I", "A", "alice", T0, true, 1000, 100, 900, 800, 50, 50, 0, T0,
                T0.plusSeconds(10), T0.plusSeconds(10), 0, "COMPLETED", null, T0.plusSeconds(10));

        ReportView view = ReportView.of(done, Map.of("ADDRESS_LINE_1_MISSING", new long[] {70, 20}), STALL,
                T0.plusSeconds(3600));

        assertThat(view.stalled()).isFalse();
        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.clientsPerSecond()).as("900 outcomes over 10 s, not over the hour since").isEqualTo(90.0);
        assertThat(view.etaSeconds()).isNull();
        assertThat(view.notProcessed()).isZero();
        assertThat(view.finishedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(view.reasons()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("Address Line 1 is missing");
            assertThat(r.howToFix()).contains("add at least Address Line 1");
        });
        assertThat(view.failuresByReason()).containsExactly(Map.entry(ReasonCode.ADDRESS_LINE_1_MISSING, 70L));
    }

    @Test
    void reasonsComeInTheCatalogueOrderWithTheirOpenCounts() {
        Map<String, long[]> byReason = new LinkedHashMap<>();
        byReason.put("CONTACT_ROLE_MISSING", new long[] {4, 1});
        byReason.put("ADDRESS_LINE_1_MISSING", new long[] {7, 7});

        ReportView view = ReportView.of(row("RUNNING", true, T0.plusSeconds(1)), byReason, STALL, T0.plusSeconds(1));

        assertThat(view.failuresByReason().keySet()).containsExactly(ReasonCode.ADDRESS_LINE_1_MISSING,
                ReasonCode.CONTACT_ROLE_MISSING);
        assertThat(view.reasons()).extracting(ReasonSummary::code).containsExactly(ReasonCode.ADDRESS_LINE_1_MISSING,
                ReasonCode.CONTACT_ROLE_MISSING);
        assertThat(view.reasons().get(1).rows()).isEqualTo(4);
    }

    @Test
    void aFailedImportSaysWhyCountsWhatItDidNotReachAndKeepsItsOutstanding() {
        ReportView view = ReportView.of(row("FAILED", true, T0.plusSeconds(20)), Map.of(), STALL, T0.plusSeconds(3600));

        assertThat(view.failureReason()).isEqualTo("BrightManager refused the listing");
        assertThat(view.notProcessed()).isEqualTo(480);
        assertThat(view.outstanding()).isEqualTo(480);
        assertThat(view.percent()).isEqualTo(52);
        assertThat(view.stalled()).isFalse();
        assertThat(view.clientsPerSecond()).isEqualTo(21.0);
        assertThat(view.etaSeconds()).isNull();
    }

    @Test
    void aCancelledImportCountsWhatItDidNotReachAsNotProcessedAndHasNothingOutstanding() {
        ReportView view = ReportView.of(row("CANCELLED", false, T0.plusSeconds(10)), Map.of(), STALL,
                T0.plusSeconds(3600));

        assertThat(view.status()).isEqualTo("CANCELLED");
        assertThat(view.stalled()).isFalse();
        assertThat(view.notProcessed()).isEqualTo(480);
        assertThat(view.outstanding()).as("sent on but skipped after the cancel: not processed").isZero();
        assertThat(view.percent()).isEqualTo(52);

        ReportRow overCounted = new ReportRow("I", "A", "alice", T0, false, 10, 0, 12, 12, 0, 0, 0, T0,
                T0.plusSeconds(10), null, 0, "CANCELLED", null, T0.plusSeconds(10));
        ReportView over = ReportView.of(overCounted, Map.of(), STALL, T0.plusSeconds(20));
        assertThat(over.notProcessed()).isZero();
        assertThat(over.percent()).isEqualTo(100);
    }

    @Test
    void aCompletedImportIs100PercentWithNothingNotProcessedEvenWhenItsFiguresLag() {
        ReportRow lagging = new ReportRow("I", "A", "alice", T0, true, 1000, 0, 1000, 900, 0, 0, 0, T0,
                T0.plusSeconds(10), T0.plusSeconds(10), 0, "COMPLETED", null, T0.plusSeconds(10));

        ReportView view = ReportView.of(lagging, Map.of(), STALL, T0.plusSeconds(20));

        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.notProcessed()).isZero();
    }

    @Test
    void aRateNeedsAFirstOutcomeAndOutcomesAndATimeLeftNeedsARateAboveZero() {
        ReportRow noFirst = new ReportRow("I", "A", "alice", T0, true, 100, 0, 100, 10, 0, 0, 0, null, T0.plusSeconds(1),
                null, 0, "RUNNING", null, null);
        assertThat(ReportView.of(noFirst, Map.of(), STALL, T0.plusSeconds(2)).clientsPerSecond()).isNull();

        ReportRow firstButNone = new ReportRow("I", "A", "alice", T0, true, 100, 5, 100, 0, 0, 0, 0, T0,
                T0.plusSeconds(1), null, 0, "RUNNING", null, null);
        assertThat(ReportView.of(firstButNone, Map.of(), STALL, T0.plusSeconds(2)).clientsPerSecond()).isNull();

        ReportRow crawling = new ReportRow("I", "A", "alice", T0, true, 100, 0, 100, 1, 0, 0, 0, T0,
                T0.plusSeconds(3600), null, 0, "RUNNING", null, null);
        ReportView slow = ReportView.of(crawling, Map.of(), STALL, T0.plusSeconds(3600));
        assertThat(slow.clientsPerSecond()).as("1 outcome an hour rounds to 0.0").isEqualTo(0.0);
        assertThat(slow.etaSeconds()).as("no time left from a rate of 0").isNull();
    }

    @Test
    void anEndedImportWithoutActivityRatesUntilNowAndOneWithoutAStartIsNotStalled() {
        ReportRow ended = new ReportRow("I", "A", "alice", T0, true, 100, 0, 100, 50, 0, 0, 0, T0, null, null, 0,
                "FAILED", "x", T0.plusSeconds(10));
        assertThat(ReportView.of(ended, Map.of(), STALL, T0.plusSeconds(100)).clientsPerSecond()).isEqualTo(0.5);

        ReportRow noStart = new ReportRow("I", "A", "alice", null, false, 0, 0, 0, 0, 0, 0, 0, null, null, null, 0,
                "RUNNING", null, null);
        assertThat(ReportView.of(noStart, Map.of(), STALL, T0.plusSeconds(3600)).stalled()).isFalse();
    }
}
