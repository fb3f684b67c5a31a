package com.brighthub.bulkimport.syncworker.domain;

/**
 * What sync-worker knows of one BrightManager client: its link to BrightClient, if any, and how many
 * creates BrightClient rejected.
 */
public record ClientState(String accountId, String clientId, String brightClientId, String clientType,
        String linkedByImport, int rejectedAttempts) {

    /** A client never seen before. */
    public static ClientState unseen(String accountId, String clientId) {
        return new ClientState(accountId, clientId, null, null, null, 0);
    }

    public boolean linked() {
        return brightClientId != null;
    }

    /** The idempotency key of the next create: fresh only after a rejection, which created nothing. */
    public String idempotencyKey() {
        return accountId + ":" + clientId + ":" + rejectedAttempts;
    }

    public ClientState linkedTo(String id, String type, String importId) {
        return new ClientState(accountId, clientId, id, type, importId, rejectedAttempts);
    }

    public ClientState rejected() {
        return new ClientState(accountId, clientId, brightClientId, clientType, linkedByImport, rejectedAttempts + 1);
    }

    public ClientState withType(String type) {
        return new ClientState(accountId, clientId, brightClientId, type, linkedByImport, rejectedAttempts);
    }
}
