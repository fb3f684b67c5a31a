package com.brighthub.bulkimport.importapi.brightmanager;

/**
 * BrightManager could not answer (connection failure, timeout, 429 or 5xx): worth retrying.
 */
public class BrightManagerUnavailableException extends RuntimeException {

    public BrightManagerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
