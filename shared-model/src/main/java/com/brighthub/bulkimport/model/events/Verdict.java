package com.brighthub.bulkimport.model.events;

/**
 * The validator's outcome for one client.
 */
public enum Verdict {
    PASS, FAIL, EXCLUDED
}
