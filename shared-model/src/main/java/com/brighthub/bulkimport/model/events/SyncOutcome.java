package com.brighthub.bulkimport.model.events;

/**
 * What the sync worker did with a client that passed validation.
 */
public enum SyncOutcome {
    /** Created in BrightClient and linked. */
    IMPORTED,
    /** Already linked: an existing BrightClient record was updated (saves). */
    UPDATED,
    /** Already linked when an import reached it: nothing sent to BrightClient. */
    ALREADY_LINKED,
    /** BrightClient answered 4xx, or the change is not allowed (client type): a permanent failure. */
    REJECTED,
    /** A save older than one already applied to this client: ignored, so saves apply in save order. */
    STALE,
    /** The client's import was cancelled before it was sent to BrightClient: not processed, nothing sent. */
    SKIPPED
}
