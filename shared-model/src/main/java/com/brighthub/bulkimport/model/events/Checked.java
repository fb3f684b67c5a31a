package com.brighthub.bulkimport.model.events;

/**
 * An event that says itself whether it can be processed at all. One that cannot – a field every consumer
 * needs is missing – is a poison message: the consumer dead-letters it with {@link #problem} as the reason,
 * it is counted, and the partition moves on. What an event says here holds for every consumer of it.
 */
public interface Checked {

    /** Why this event cannot be processed at all, or null. */
    String problem();

    /** The first of {@code names} whose value is null or blank, as a problem ("missing accountId"), or null. */
    static String missing(String[] names, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null || v instanceof String s && s.isBlank()) {
                return "missing " + names[i];
            }
        }
        return null;
    }

    /** What names one client's event: its origin, account and client and, for an import's, the import. */
    static String clientIdentity(Origin origin, String accountId, String importId, String clientId) {
        if (origin == null) {
            return "missing origin";
        }
        return switch (origin) {
            case IMPORT -> missing(new String[] {"accountId", "importId", "clientId"}, accountId, importId, clientId);
            case SAVE -> missing(new String[] {"accountId", "clientId"}, accountId, clientId);
        };
    }
}
