package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.common.api.ApiException;
import com.brighthub.bulkimport.common.api.Caller;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Starting and cancelling an import as a user does it, from the API or from a page: the command, and
 * its entry in the account's audit trail whether it was done or refused.
 */
@ApplicationScoped
public class AuditedImports {

    @Inject
    ImportService imports;

    @Inject
    Audit audit;

    @Inject
    Preflights preflights;

    /** Starts the import, or throws the refusal – audited either way. */
    public ImportRun start(Caller who, String accountId, boolean confirmed) {
        ImportRun run;
        try {
            run = imports.start(who, accountId, confirmed);
        } catch (ApiException refused) {
            audit.startAttempt(accountId, who.userId(), who.role(), refused.code(),
                    (String) refused.extra().get("importId"), refused.getMessage());
            throw refused;
        }
        audit.startAttempt(accountId, who.userId(), who.role(), "STARTED", run.id, null);
        preflights.forget(accountId);
        return run;
    }

    /** Cancels the import, or throws the refusal – audited either way. */
    public ImportRun cancel(Caller who, String accountId, String importId) {
        ImportRun run;
        try {
            run = imports.cancel(who, accountId, importId);
        } catch (ApiException refused) {
            audit.record(accountId, who.userId(), who.role(), Audit.CANCEL_IMPORT, refused.code(), importId,
                    refused.getMessage());
            throw refused;
        }
        audit.record(accountId, who.userId(), who.role(), Audit.CANCEL_IMPORT, "CANCELLED", importId, null);
        return run;
    }
}
