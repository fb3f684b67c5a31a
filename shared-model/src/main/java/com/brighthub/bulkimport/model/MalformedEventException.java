package com.brighthub.bulkimport.model;

/**
 * A message that cannot be processed whatever we retry: it belongs on a dead-letter topic.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
