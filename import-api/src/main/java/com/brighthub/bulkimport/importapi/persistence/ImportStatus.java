package com.brighthub.bulkimport.importapi.persistence;

/**
 * An import's status as the API reports it. import-api owns it; report-service follows it.
 */
public enum ImportStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED
}
