package com.brighthub.bulkimport.report.rest;

import com.brighthub.bulkimport.model.events.ReasonCode;

/**
 * One failure reason of a report, with the words users see and the fix from the help article.
 */
public record ReasonSummary(ReasonCode code, String reason, String howToFix, long rows, long open) {
}
