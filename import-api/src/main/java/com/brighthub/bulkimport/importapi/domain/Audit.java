package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.common.api.AccessRefused;
import com.brighthub.bulkimport.common.api.AccountAccess;
import com.brighthub.bulkimport.common.api.SupportAccess;
import com.brighthub.bulkimport.model.events.AuditEvent;
import com.brighthub.bulkimport.importapi.persistence.AuditEntry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The audit trail of an account's bulk imports: every start and cancel, and every refused one, readable
 * by the account's Admins and Owners.
 */
@ApplicationScoped
public class Audit {

    /** An attempt to start an import. */
    public static final String START_IMPORT = "START_IMPORT";

    /** An attempt to cancel an import. */
    public static final String CANCEL_IMPORT = "CANCEL_IMPORT";

    /** Bright Support reading or acting on the account. */
    public static final String SUPPORT_ACCESS = "SUPPORT_ACCESS";

    private static final Pattern IMPORT_IN_PATH = Pattern.compile("/api/v1/accounts/[^/]+/imports/([^/]+).*");

    private static final Pattern START_PATH = Pattern.compile("/api/v1/accounts/[^/]+/imports/?");

    /** Records an attempt to start an import, in a transaction of its own (it must survive a refusal). */
    public void startAttempt(String accountId, String userId, String role, String outcome, String importId,
            String message) {
        record(accountId, userId, role, START_IMPORT, outcome, importId, message);
    }

    /** Records an action on the account, in a transaction of its own (it must survive a refusal). */
    public void record(String accountId, String userId, String role, String action, String outcome, String importId,
            String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            AuditEntry e = new AuditEntry();
            e.accountId = accountId;
            e.userId = userId;
            e.role = role;
            e.action = action;
            e.outcome = outcome;
            e.importId = importId;
            e.message = message == null || message.length() <= 500 ? message : message.substring(0, 500);
            e.at = Instant.now();
            e.persist();
        });
        Log.infof("audit: %s by %s (%s) on account %s: %s%s", action, userId, role, accountId, outcome,
                importId == null ? "" : " " + importId);
    }

    /** Bright Support let into the account's API here: audited on the account. */
    void onSupportAccess(@ObservesAsync SupportAccess access) {
        java.util.regex.Matcher m = IMPORT_IN_PATH.matcher(access.path());
        String importId = m.matches() && !"preflight".equals(m.group(1)) ? m.group(1) : null;
        try {
            record(access.accountId(), access.userId(), AccountAccess.SUPPORT, SUPPORT_ACCESS, "ALLOWED", importId,
                    access.method() + " " + access.path());
        } catch (RuntimeException e) {
            Log.errorf("could not audit Support's access to %s of account %s: %s", access.path(), access.accountId(),
                    e.getMessage());
        }
    }

    /** An entry another service sent; written once, however often it is delivered. */
    public void record(AuditEvent e) {
        QuarkusTransaction.requiringNew().run(() -> AuditEntry.getEntityManager().createNativeQuery("""
                        INSERT INTO import_audit (id, account_id, user_id, role, action, outcome, import_id, message, at,
                                                  event_id)
                        VALUES (nextval('import_audit_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        ON CONFLICT DO NOTHING
                        """)
                .setParameter(1, e.accountId())
                .setParameter(2, e.userId())
                .setParameter(3, e.role())
                .setParameter(4, e.action())
                .setParameter(5, e.outcome())
                .setParameter(6, e.importId())
                .setParameter(7, e.message() == null || e.message().length() <= 500 ? e.message() : e.message().substring(0, 500))
                .setParameter(8, e.at() == null ? Instant.now() : e.at())
                .setParameter(9, e.eventId() == null ? null : e.eventId().toString())
                .executeUpdate());
    }

    /** A start refused by the access rules (wrong role or another account) is audited on the path's account. */
    void onRefused(@ObservesAsync AccessRefused refused) {
        if ("POST".equals(refused.method()) && refused.pathAccount() != null
                && START_PATH.matcher(refused.path()).matches()) {
            startAttempt(refused.pathAccount(), refused.userId(), refused.role(), "FORBIDDEN", null,
                    "token for account " + refused.tokenAccount());
        }
    }

    public List<AuditEntry> entries(String accountId, int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.ofAccount(accountId, page, size));
    }
}
