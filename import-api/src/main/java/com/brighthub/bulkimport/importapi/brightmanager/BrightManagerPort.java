package com.brighthub.bulkimport.importapi.brightmanager;

import com.brighthub.bulkimport.model.client.Client;
import java.util.List;
import java.util.Optional;

/**
 * What import-api needs from BrightManager: the account's settings and its client files, page by page.
 */
public interface BrightManagerPort {

    /** A BrightManager account. */
    record Account(String accountId, String name, boolean brightClientEnabled) {
    }

    /** One page of client files; {@code nextCursor} is null on the last page, {@code total} may be unknown. */
    record ClientPage(List<Client> clients, String nextCursor, Long total) {
    }

    /** The account, or empty when BrightManager does not know it. */
    Optional<Account> account(String accountId);

    /** The page after {@code cursor} (null for the first). */
    ClientPage clients(String accountId, String cursor, int limit);
}
