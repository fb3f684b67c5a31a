package com.brighthub.bulkimport.report.domain;

import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.report.persistence.Outcome;
import com.brighthub.bulkimport.report.persistence.ReportWriter;
import com.brighthub.bulkimport.report.persistence.ResolutionStore;
import com.brighthub.bulkimport.report.persistence.SaveOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds a polled batch of lifecycle facts, import outcomes and saves into the reports, in one
 * transaction, and completes every import whose clients are all accounted for.
 */
@ApplicationScoped
public class ReportAggregator {

    private final ReportWriter store;
    private final ResolutionStore resolutions;

    public ReportAggregator(ReportWriter store, ResolutionStore resolutions) {
        this.store = store;
        this.resolutions = resolutions;
    }

    /** Applies the batch; returns the imports whose report changed. */
    @Transactional
    public Set<String> apply(List<ImportEvent> lifecycle, List<Outcome> outcomes, List<SaveOutcome> saves) {
        Set<String> touched = new HashSet<>(store.applyImportEvents(ImportFacts.onePerImport(lifecycle)));
        touched.addAll(store.applyOutcomes(outcomes));
        touched.addAll(resolutions.apply(saves));
        store.completeFinished(touched);
        return touched;
    }
}
