package com.brighthub.bulkimport.report.persistence;

import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.report.persistence.SaveOutcome;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps failure rows up to date with fixes made in BrightManager. A save that syncs resolves every open
 * row of the client (and counts it once per import in {@code resolved_since_import}); a save that still
 * fails resolves the reasons it no longer has and opens the new ones. Only open rows move, so a replayed
 * or late event never reopens what a later save fixed.
 */
@ApplicationScoped
public class ResolutionStore {

    @Inject
    AgroalDataSource db;

    /** Applies the saves in order; returns the imports whose reports changed. */
    @Transactional
    public Set<String> apply(List<SaveOutcome> saves) {
        Set<String> touched = new HashSet<>();
        if (saves.isEmpty()) {
            return touched;
        }
        try (Connection c = db.getConnection()) {
            for (SaveOutcome save : saves) {
                touched.addAll(save.synced() ? resolve(c, save) : update(c, save));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply saves: " + e.getMessage(), e);
        }
        return touched;
    }

    private Set<String> resolve(Connection c, SaveOutcome save) throws SQLException {
        Set<String> touched = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE failure_row SET status = 'RESOLVED', resolved_at = now()
                WHERE account_id = ? AND client_id = ? AND status = 'OPEN'
                RETURNING import_id
                """)) {
            ps.setString(1, save.accountId());
            ps.setString(2, save.clientId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touched.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH resolved AS (
                  UPDATE client_outcome SET resolved_at = now()
                  WHERE account_id = ? AND client_id = ? AND outcome = 'FAILED' AND resolved_at IS NULL
                  RETURNING import_id)
                UPDATE import_report r SET resolved_since_import = resolved_since_import + 1, last_activity_at = now()
                FROM resolved WHERE r.import_id = resolved.import_id
                RETURNING r.import_id
                """)) {
            ps.setString(1, save.accountId());
            ps.setString(2, save.clientId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touched.add(rs.getString(1));
                }
            }
        }
        return touched;
    }

    private Set<String> update(Connection c, SaveOutcome save) throws SQLException {
        record Open(long id, String importId, String code, String detail) {
        }
        List<Open> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, import_id, reason_code, detail FROM failure_row
                WHERE account_id = ? AND client_id = ? AND status = 'OPEN'
                """)) {
            ps.setString(1, save.accountId());
            ps.setString(2, save.clientId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(new Open(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        Set<String> now = new HashSet<>();
        save.reasons().forEach(r -> now.add(key(r.code().name(), r.detail())));
        Map<String, Set<String>> openByImport = new HashMap<>();
        List<Long> gone = new ArrayList<>();
        for (Open o : open) {
            openByImport.computeIfAbsent(o.importId(), k -> new HashSet<>()).add(key(o.code(), o.detail()));
            if (!now.contains(key(o.code(), o.detail()))) {
                gone.add(o.id());
            }
        }
        if (!gone.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE failure_row SET status = 'RESOLVED', resolved_at = now() WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", gone.toArray()));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO failure_row (id, import_id, account_id, client_id, client_reference, client_name,
                                         reason_code, detail, status, created_at)
                VALUES (nextval('failure_row_seq'), ?, ?, ?, ?, ?, ?, ?, 'OPEN', now())
                """)) {
            int added = 0;
            for (Map.Entry<String, Set<String>> e : openByImport.entrySet()) {
                for (Reason r : save.reasons()) {
                    if (!e.getValue().contains(key(r.code().name(), r.detail()))) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, save.accountId());
                        ps.setString(3, save.clientId());
                        ps.setString(4, save.clientReference());
                        ps.setString(5, save.clientName());
                        ps.setString(6, r.code().name());
                        ps.setString(7, r.detail());
                        ps.addBatch();
                        added++;
                    }
                }
            }
            if (added > 0) {
                ps.executeBatch();
            }
        }
        return openByImport.keySet();
    }

    private static String key(String code, String detail) {
        return code + "\u0000" + (detail == null ? "" : detail);
    }
}
