package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort.Unreadable;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.model.client.Client;
import java.util.List;

/**
 * What an import announces to the pipeline as it runs; each call returns once the broker has acknowledged
 * it. The domain's port, implemented by {@code messaging.PipelineEvents}.
 */
public interface ImportAnnouncements {

    /** One client-record event per client of a page (an unreadable record for each that cannot go as it is). */
    void clientRecords(String accountId, String importId, List<Client> clients, List<Unreadable> unreadable);

    void started(ImportRun run);

    /** Running counts after a committed page, so the report's figures grow during enumeration. */
    void enumerating(ImportRun run);

    void enumerated(ImportRun run);

    /** The import's end, with its status (and, cut short, the total BrightManager gave). */
    void ended(ImportRun run);
}
