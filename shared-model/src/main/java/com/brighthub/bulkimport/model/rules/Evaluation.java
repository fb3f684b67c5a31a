package com.brighthub.bulkimport.model.rules;

import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.Verdict;
import java.util.List;

/**
 * The result of applying every rule to one client: the verdict and all of its reasons.
 */
public record Evaluation(Verdict verdict, List<Reason> reasons) {

    public Evaluation {
        reasons = List.copyOf(reasons);
    }
}
