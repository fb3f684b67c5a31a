package com.brighthub.bulkimport.model.events;

/**
 * One reason a client failed or was excluded; {@code detail} names the field, address or contact.
 */
public record Reason(ReasonCode code, String detail) {
}
