package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.common.api.AccessRefused;
import com.brighthub.bulkimport.importapi.persistence.AuditEntry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The audit trail of bulk-import starts: every start, and every refused start, readable by the
 * account's Admins and Owners.
 */
@ApplicationScoped
public class Audit {

    /** The one audited action. */
    public static final String START_IMPORT = "START_IMPORT";

    private static final Pattern START_PATH = Pattern.compile("/api/v1/accounts/[^/]+/imports/?");

    /** Records an attempt to start an import, in a transaction of its own (it must survive a refusal). */
    public void startAttempt(String accountId, String userId, String role, String outcome, String importId,
            String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            AuditEntry e = new AuditEntry();
            e.accountId = accountId;
            e.userId = userId;
            e.role = role;
            e.action = START_IMPORT;
            e.outcome = outcome;
            e.importId = importId;
            e.message = message == null || message.length() <= 500 ? message : message.substring(0, 500);
            e.at = Instant.now();
            e.persist();
        });
        Log.infof("audit: %s by %s (%s) on account %s: %s%s", START_IMPORT, userId, role, accountId, outcome,
                importId == null ? "" : " " + importId);
    }

    /** A start refused by the access rules (wrong role or another account) is audited on the path's account. */
    void onRefused(@ObservesAsync AccessRefused refused) {
        if ("POST".equals(refused.method()) && refused.pathAccount() != null
                && START_PATH.matcher(refused.path()).matches()) {
            startAttempt(refused.pathAccount(), refused.userId(), refused.role(), "FORBIDDEN", null,
                    "token for account " + refused.tokenAccount());
        }
    }

    public List<AuditEntry> entries(String accountId, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.ofAccount(accountId, limit));
    }
}
