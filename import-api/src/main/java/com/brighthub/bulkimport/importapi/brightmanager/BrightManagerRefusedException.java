package com.brighthub.bulkimport.importapi.brightmanager;

/**
 * BrightManager refused a request for good (a 4xx other than 429): retrying cannot help.
 */
public class BrightManagerRefusedException extends RuntimeException {

    public BrightManagerRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
