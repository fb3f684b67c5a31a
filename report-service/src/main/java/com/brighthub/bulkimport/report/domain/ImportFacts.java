package com.brighthub.bulkimport.report.domain;

import com.brighthub.bulkimport.model.events.ImportEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How several lifecycle facts of one import in a batch read as one. */
public final class ImportFacts {

    private ImportFacts() {
    }

    /** One fact per import, in the order the imports first appear. */
    public static Collection<ImportEvent> onePerImport(List<ImportEvent> events) {
        Map<String, ImportEvent> folded = new LinkedHashMap<>();
        for (ImportEvent e : events) {
            folded.merge(e.importId(), e, ImportFacts::fold);
        }
        return folded.values();
    }

    /**
     * Two facts of one import as one: an end wins (the first), then a completed enumeration. An end that
     * comes with a completed enumeration in the same batch keeps the enumeration complete, as the end's
     * own figures are then the final ones. Figures only grow; the later time stands.
     */
    static ImportEvent fold(ImportEvent a, ImportEvent b) {
        ImportEvent.Type type = a.type() != null && a.type().ends() ? a.type()
                : b.type() != null && b.type().ends() ? b.type()
                : a.type() == ImportEvent.Type.ENUMERATED || b.type() == ImportEvent.Type.ENUMERATED
                        ? ImportEvent.Type.ENUMERATED : b.type();
        String failureReason = a.type() != null && a.type().ends() ? a.failureReason() : b.failureReason();
        return new ImportEvent(b.eventId(), a.accountId(), a.importId(), type,
                a.occurredAt() == null || (b.occurredAt() != null && b.occurredAt().isAfter(a.occurredAt()))
                        ? b.occurredAt() : a.occurredAt(),
                a.startedBy() != null ? a.startedBy() : b.startedBy(), a.startedAt() != null ? a.startedAt() : b.startedAt(),
                Math.max(a.total(), b.total()), Math.max(a.alreadyLinked(), b.alreadyLinked()),
                Math.max(a.emitted(), b.emitted()), failureReason);
    }
}
