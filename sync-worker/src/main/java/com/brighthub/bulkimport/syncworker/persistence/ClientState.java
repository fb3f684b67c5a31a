package com.brighthub.bulkimport.syncworker.persistence;

/**
 * What sync-worker knows of one BrightManager client: its link to BrightClient, if any, and how many
 * creates BrightClient rejected.
 */
public record ClientState(String accountId, String clientId, String brightClientId, String clientType,
        String linkedByImport, int rejectedAttempts, java.time.Instant lastSaveAt) {

    /** A client never seen before. */
    public static ClientState unseen(String accountId, String clientId) {
        return new ClientState(accountId, clientId, null, null, null, 0, null);
    }

    public boolean linked() {
        return brightClientId != null;
    }

    /** The idempotency key of the next create: fresh only after a rejection, which created nothing. */
    public String idempotencyKey() {
        return com.brighthub.bulkimport.model.ClientKey.of(accountId, clientId).idempotencyKey(rejectedAttempts);
    }

    public ClientState linkedTo(String id, String type, String importId) {
        return new ClientState(accountId, clientId, id, type, importId, rejectedAttempts, lastSaveAt);
    }

    public ClientState rejected() {
        return new ClientState(accountId, clientId, brightClientId, clientType, linkedByImport, rejectedAttempts + 1,
                lastSaveAt);
    }

    /** The state once a save made at {@code savedAt} was applied. */
    public ClientState savedAt(java.time.Instant savedAt) {
        java.time.Instant latest = lastSaveAt == null || (savedAt != null && savedAt.isAfter(lastSaveAt)) ? savedAt : lastSaveAt;
        return new ClientState(accountId, clientId, brightClientId, clientType, linkedByImport, rejectedAttempts, latest);
    }

    /**
     * True when a save made at {@code savedAt} is older than one already applied. A save of the same time
     * is applied again: two saves in one instant both count (the later offset wins), and a save whose
     * state was stored before a crash lost its result is redelivered and reported again.
     */
    public boolean isStale(java.time.Instant savedAt) {
        return savedAt != null && lastSaveAt != null && savedAt.isBefore(lastSaveAt);
    }

    public ClientState withType(String type) {
        return new ClientState(accountId, clientId, brightClientId, type, linkedByImport, rejectedAttempts, lastSaveAt);
    }
}
