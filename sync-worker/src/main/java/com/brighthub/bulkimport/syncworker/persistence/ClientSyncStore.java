package com.brighthub.bulkimport.syncworker.persistence;

import com.brighthub.bulkimport.syncworker.persistence.ClientState;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The client_sync table, read and written a polled batch at a time (one query, one JDBC batch).
 */
@ApplicationScoped
public class ClientSyncStore {

    @Inject
    AgroalDataSource db;

    /** The known state of each (account, client) key in {@code keys}; unknown keys are absent. */
    @Transactional
    public Map<com.brighthub.bulkimport.model.ClientKey, ClientState> load(Collection<ClientState> keys) {
        Map<com.brighthub.bulkimport.model.ClientKey, ClientState> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.account_id, s.client_id, s.bright_client_id, s.client_type, s.linked_by_import,
                       s.rejected_attempts, s.last_save_at
                FROM client_sync s JOIN unnest(?::text[], ?::text[]) AS k(account_id, client_id)
                  ON s.account_id = k.account_id AND s.client_id = k.client_id
                """)) {
            ps.setArray(1, c.createArrayOf("text", keys.stream().map(ClientState::accountId).toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(ClientState::clientId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClientState s = new ClientState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6),
                            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
                    out.put(com.brighthub.bulkimport.model.ClientKey.of(s.accountId(), s.clientId()), s);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read client sync state: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes the new states. A link, once made, is never replaced: if another instance linked the
     * client first, its link stands (BrightClient returned the same record for the same key anyway).
     */
    @Transactional
    public void save(Collection<ClientState> states) {
        if (states.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO client_sync AS s (account_id, client_id, bright_client_id, client_type, linked_by_import,
                                              linked_at, rejected_attempts, last_save_at, updated_at)
                VALUES (?, ?, ?, ?, ?, CASE WHEN ?::text IS NULL THEN NULL ELSE now() END, ?, ?, now())
                ON CONFLICT (account_id, client_id) DO UPDATE SET
                  bright_client_id  = COALESCE(s.bright_client_id, EXCLUDED.bright_client_id),
                  linked_by_import  = CASE WHEN s.bright_client_id IS NULL THEN EXCLUDED.linked_by_import
                                           ELSE s.linked_by_import END,
                  linked_at         = COALESCE(s.linked_at, EXCLUDED.linked_at),
                  client_type       = COALESCE(EXCLUDED.client_type, s.client_type),
                  rejected_attempts = GREATEST(s.rejected_attempts, EXCLUDED.rejected_attempts),
                  last_save_at      = GREATEST(s.last_save_at, EXCLUDED.last_save_at),
                  updated_at        = now()
                """)) {
            for (ClientState s : states) {
                ps.setString(1, s.accountId());
                ps.setString(2, s.clientId());
                ps.setString(3, s.brightClientId());
                ps.setString(4, s.clientType());
                ps.setString(5, s.linkedByImport());
                ps.setString(6, s.brightClientId());
                ps.setInt(7, s.rejectedAttempts());
                ps.setTimestamp(8, s.lastSaveAt() == null ? null : java.sql.Timestamp.from(s.lastSaveAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write client sync state: " + e.getMessage(), e);
        }
    }

}
