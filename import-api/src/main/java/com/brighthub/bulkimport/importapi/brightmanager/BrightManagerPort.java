package com.brighthub.bulkimport.importapi.brightmanager;

import com.brighthub.bulkimport.model.client.Client;
import java.util.List;
import java.util.Optional;

/**
 * What import-api needs from BrightManager: the account's settings and its client files, page by page.
 */
public interface BrightManagerPort {

    /**
     * A BrightManager account; {@code brightClientEnabledAt} is when BrightClient was enabled on it, where
     * BrightManager says so (saves from before then never sync).
     */
    record Account(String accountId, String name, boolean brightClientEnabled, java.time.Instant brightClientEnabledAt) {

        public Account(String accountId, String name, boolean brightClientEnabled) {
            this(accountId, name, brightClientEnabled, null);
        }

        /** True when a save made at {@code savedAt} syncs by itself: BrightClient was enabled by then. */
        public boolean syncsSaveOf(java.time.Instant savedAt) {
            return brightClientEnabled && (brightClientEnabledAt == null || savedAt == null
                    || !savedAt.isBefore(brightClientEnabledAt));
        }
    }

    /**
     * One page of client files; {@code nextCursor} is null on the last page, {@code total} may be unknown.
     * Client files that could not be decoded are listed apart, by id, with what was wrong.
     */
    record ClientPage(List<Client> clients, String nextCursor, Long total, List<Unreadable> unreadable) {

        public ClientPage(List<Client> clients, String nextCursor, Long total) {
            this(clients, nextCursor, total, List.of());
        }
    }

    /** A client file BrightManager listed but that could not be read as a client. */
    record Unreadable(String clientId, String problem) {
    }

    /** The account, or empty when BrightManager does not know it. */
    Optional<Account> account(String accountId);

    /** The page after {@code cursor} (null for the first). */
    ClientPage clients(String accountId, String cursor, int limit);
}
