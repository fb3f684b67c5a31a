package com.brighthub.bulkimport.report.persistence;

/**
 * How a client of an import ended; every emitted client ends in exactly one of these.
 */
public enum OutcomeKind {
    IMPORTED, FAILED, EXCLUDED, ALREADY_LINKED
}
