package com.brighthub.bulkimport.report.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.Outcome;
import com.brighthub.bulkimport.report.persistence.OutcomeKind;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The report's SQL against the real PostgreSQL: writing once, the outbox, and the reads. */
@QuarkusTest
class ReportSqlTest {

    @Inject
    ReportWriter writer;

    @Inject
    ReportQueries queries;

    @Inject
    ProgressOutbox outbox;

    private final String account = "sql-" + UUID.randomUUID();
    private final String importId = UUID.randomUUID().toString();

    private ImportEvent event(ImportEvent.Type type, long total, long emitted) {
        return new ImportEvent(UUID.randomUUID(), account, importId, type, Instant.now(), "admin-1", Instant.now(),
                total, 0, emitted, null);
    }

    private Outcome outcome(String clientId, OutcomeKind kind, Reason... reasons) {
        return new Outcome(importId, account, clientId, kind, List.of(reasons), "REF-" + clientId, "Client " + clientId,
                Instant.now());
    }

    private List<Outcome> fourOutcomes() {
        return List.of(outcome("c1", OutcomeKind.IMPORTED), outcome("c2", OutcomeKind.EXCLUDED),
                outcome("c3", OutcomeKind.FAILED, new Reason(ReasonCode.ADDRESS_LINE_1_MISSING, "no line 1"),
                        new Reason(ReasonCode.CONTACT_ROLE_MISSING, "no role")),
                outcome("c4", OutcomeKind.ALREADY_LINKED));
    }

    @Test
    void outcomesCountOnceHoweverOftenTheyAreDelivered() {
        writer.applyImportEvents(List.of(event(ImportEvent.Type.ENUMERATED, 4, 4)));
        assertThat(writer.applyOutcomes(fourOutcomes())).containsExactly(importId);
        assertThat(writer.applyOutcomes(fourOutcomes())).isEmpty();

        ReportRow row = queries.report(account, importId).orElseThrow();
        assertThat(List.of(row.imported(), row.excluded(), row.failed(), row.linkedDuring()))
                .containsExactly(1L, 1L, 1L, 1L);
        assertThat(queries.countFailures(account, importId, null, null)).isEqualTo(2);
        assertThat(queries.failuresByReason(account, importId)).containsOnlyKeys("ADDRESS_LINE_1_MISSING",
                "CONTACT_ROLE_MISSING");
    }

    @Test
    void anOutcomeClaimingAnotherAccountIsNotCounted() {
        writer.applyImportEvents(List.of(event(ImportEvent.Type.ENUMERATED, 1, 1)));
        Outcome foreign = new Outcome(importId, "someone-else", "c1", OutcomeKind.IMPORTED, List.of(), "R", "N",
                Instant.now());
        writer.applyOutcomes(List.of(foreign));

        assertThat(queries.report(account, importId).orElseThrow().imported()).isZero();
        assertThat(queries.report("someone-else", importId)).isEmpty();
    }

    @Test
    void anImportCompletesWhenEveryEmittedClientHasAnOutcomeAndIsAnnouncedOnce() {
        writer.applyImportEvents(List.of(event(ImportEvent.Type.ENUMERATED, 5, 5)));
        writer.applyOutcomes(fourOutcomes());
        writer.completeFinished(List.of(importId));
        assertThat(queries.report(account, importId).orElseThrow().completedAt()).isNull();

        writer.applyOutcomes(List.of(outcome("c5", OutcomeKind.IMPORTED)));
        writer.completeFinished(List.of(importId));
        assertThat(queries.report(account, importId).orElseThrow().completedAt()).isNotNull();

        List<ReportRow> due = outbox.dueForProgress(List.of(importId), Duration.ofHours(1));
        assertThat(due).extracting(ReportRow::importId).containsExactly(importId);
        outbox.markPublished(due);
        assertThat(outbox.dueForProgress(List.of(importId), Duration.ofHours(1))).isEmpty();
        assertThat(outbox.unannouncedCompletions()).extracting(ReportRow::importId).doesNotContain(importId);
    }

    @Test
    void progressHeldBackByTheIntervalIsSweptOnceTheIntervalHasPassed() {
        writer.applyImportEvents(List.of(event(ImportEvent.Type.ENUMERATED, 10, 10)));
        writer.applyOutcomes(List.of(outcome("c1", OutcomeKind.IMPORTED)));
        List<ReportRow> published = outbox.dueForProgress(List.of(importId), Duration.ofHours(1));
        outbox.markPublished(published);
        assertThat(outbox.unannouncedProgress(Duration.ZERO)).extracting(ReportRow::importId).doesNotContain(importId);

        // two more outcomes within the interval: not due, and no further outcome comes to carry them
        writer.applyOutcomes(List.of(outcome("c2", OutcomeKind.FAILED, new Reason(ReasonCode.ADDRESS_LINE_1_MISSING,
                "no line 1")), outcome("c3", OutcomeKind.EXCLUDED)));
        assertThat(outbox.dueForProgress(List.of(importId), Duration.ofHours(1))).isEmpty();
        assertThat(outbox.unannouncedProgress(Duration.ofHours(1))).extracting(ReportRow::importId)
                .as("the interval has not passed").doesNotContain(importId);

        List<ReportRow> swept = outbox.unannouncedProgress(Duration.ZERO).stream()
                .filter(r -> r.importId().equals(importId)).toList();
        assertThat(swept).singleElement().satisfies(r -> assertThat(r.processed()).isEqualTo(3));
        outbox.markPublished(swept);
        assertThat(outbox.unannouncedProgress(Duration.ZERO)).extracting(ReportRow::importId).doesNotContain(importId);
    }

    @Test
    void theFirstEndStandsAndFiguresOnlyGrow() {
        writer.applyImportEvents(List.of(event(ImportEvent.Type.ENUMERATED, 10, 8)));
        writer.applyImportEvents(List.of(event(ImportEvent.Type.CANCELLED, 10, 8)));
        writer.applyImportEvents(List.of(event(ImportEvent.Type.COMPLETED, 3, 2)));

        ReportRow row = queries.report(account, importId).orElseThrow();
        assertThat(row.status()).isEqualTo("CANCELLED");
        assertThat(row.total()).isEqualTo(10);
        assertThat(row.emitted()).isEqualTo(8);
    }

    @Test
    void failureRowsPageAndFilterInAStableOrder() {
        writer.applyImportEvents(List.of(event(ImportEvent.Type.ENUMERATED, 4, 4)));
        writer.applyOutcomes(fourOutcomes());

        List<FailureRow> all = new ArrayList<>();
        queries.failures(account, importId, null, null, 0, 10, all::add);
        assertThat(all).extracting(FailureRow::reasonCode).containsExactly("ADDRESS_LINE_1_MISSING",
                "CONTACT_ROLE_MISSING");
        List<FailureRow> second = new ArrayList<>();
        queries.failures(account, importId, null, null, 1, 10, second::add);
        assertThat(second).extracting(FailureRow::reasonCode).containsExactly("CONTACT_ROLE_MISSING");
        assertThat(queries.countFailures(account, importId, "CONTACT_ROLE_MISSING", "OPEN")).isEqualTo(1);
        assertThat(queries.countFailures(account, importId, "CONTACT_ROLE_MISSING", "RESOLVED")).isZero();
        assertThat(queries.countFailures("another-account", importId, null, null)).isZero();
    }
}
