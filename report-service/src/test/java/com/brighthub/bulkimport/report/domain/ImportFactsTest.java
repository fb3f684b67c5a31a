package com.brighthub.bulkimport.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.events.ImportEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportFactsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static ImportEvent fact(String importId, ImportEvent.Type type, long emitted, Instant at, String reason) {
        return new ImportEvent(UUID.randomUUID(), "acc", importId, type, at, "admin", T0, 100, 5, emitted, reason);
    }

    @Test
    void oneFactPerImportInTheOrderTheyFirstAppear() {
        List<ImportEvent> folded = List.copyOf(ImportFacts.onePerImport(List.of(
                fact("b", ImportEvent.Type.STARTED, 0, T0, null), fact("a", ImportEvent.Type.STARTED, 0, T0, null),
                fact("b", ImportEvent.Type.ENUMERATING, 40, T0.plusSeconds(1), null))));
        assertThat(folded).extracting(ImportEvent::importId).containsExactly("b", "a");
        assertThat(folded.get(0).emitted()).isEqualTo(40);
        assertThat(folded.get(0).occurredAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void theFirstEndWinsWithItsReason() {
        ImportEvent folded = ImportFacts.fold(fact("a", ImportEvent.Type.FAILED, 10, T0, "BrightManager refused"),
                fact("a", ImportEvent.Type.CANCELLED, 12, T0.plusSeconds(2), null));
        assertThat(folded.type()).isEqualTo(ImportEvent.Type.FAILED);
        assertThat(folded.failureReason()).isEqualTo("BrightManager refused");
        assertThat(folded.emitted()).isEqualTo(12);
        assertThat(folded.occurredAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void anEndAfterACompletedEnumerationIsTheEnd() {
        ImportEvent folded = ImportFacts.fold(fact("a", ImportEvent.Type.ENUMERATED, 95, T0, null),
                fact("a", ImportEvent.Type.COMPLETED, 95, T0.plusSeconds(1), null));
        assertThat(folded.type()).isEqualTo(ImportEvent.Type.COMPLETED);
    }

    @Test
    void aCompletedEnumerationIsNotUndoneByAnEarlierStageArrivingLater() {
        ImportEvent folded = ImportFacts.fold(fact("a", ImportEvent.Type.ENUMERATED, 95, T0.plusSeconds(5), null),
                fact("a", ImportEvent.Type.ENUMERATING, 50, T0, null));
        assertThat(folded.type()).isEqualTo(ImportEvent.Type.ENUMERATED);
        assertThat(folded.emitted()).isEqualTo(95);
        assertThat(folded.occurredAt()).isEqualTo(T0.plusSeconds(5));
    }
}
