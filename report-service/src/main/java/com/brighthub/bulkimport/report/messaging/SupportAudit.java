package com.brighthub.bulkimport.report.messaging;

import com.brighthub.bulkimport.common.api.SupportAccess;
import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.model.events.AuditEvent;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends Bright Support's reads of a report or its failures to the account's audit trail, which
 * import-api keeps.
 */
@ApplicationScoped
public class SupportAudit {

    private static final Pattern IMPORT = Pattern.compile("/api/v1/accounts/[^/]+/imports/([^/]+)/.*");

    @Inject
    @Channel("audit")
    Emitter<String> audit;

    void onSupportAccess(@ObservesAsync SupportAccess access) {
        Matcher m = IMPORT.matcher(access.path());
        AuditEvent event = new AuditEvent(UUID.randomUUID(), access.accountId(), access.userId(), "Support",
                "SUPPORT_ACCESS", "ALLOWED", m.matches() ? m.group(1) : null, access.method() + " " + access.path(),
                access.at());
        try {
            KeyedMessages.sendAll(audit, List.of(KeyedMessages.keyed(access.accountId(), event)));
        } catch (RuntimeException e) {
            Log.errorf("could not send Support's access to %s of account %s to the audit trail: %s", access.path(),
                    access.accountId(), e.getMessage());
        }
    }
}
