package com.brighthub.bulkimport.importapi.domain;

/**
 * An import's status as the API reports it.
 */
public enum ImportStatus {
    RUNNING, COMPLETED, FAILED
}
