package com.brighthub.bulkimport.sandbox.brightclient;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * BrightClient's client records in PostgreSQL; the idempotency key is a unique constraint, so the same
 * key can never create two records, whatever the concurrency.
 */
@ApplicationScoped
public class BrightClientStore {

    /** The created (or earlier created) record's id, and whether this call created it. */
    public record Created(String id, boolean created) {
    }

    @Inject
    AgroalDataSource db;

    public Created create(String accountId, String idempotencyKey, String brightManagerId, String body) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bc_client (id, account_id, bright_manager_id, idempotency_key, body)
                    VALUES ('BC-' || nextval('bc_client_seq'), ?, ?, ?, ?)
                    ON CONFLICT (account_id, idempotency_key) DO NOTHING
                    RETURNING id
                    """)) {
                ps.setString(1, accountId);
                ps.setString(2, brightManagerId);
                ps.setString(3, idempotencyKey);
                ps.setString(4, body);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Created(rs.getString(1), true);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM bc_client WHERE account_id = ? AND idempotency_key = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, idempotencyKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Created(rs.getString(1), false);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    public boolean update(String accountId, String id, String body) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE bc_client SET body = ?, updated_at = now() WHERE account_id = ? AND id = ?")) {
            ps.setString(1, body);
            ps.setString(2, accountId);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    public Optional<String> get(String accountId, String id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT body FROM bc_client WHERE account_id = ? AND id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** Writes every record of an account as a JSON array, streaming from the database. */
    public void writeAll(String accountId, Writer out) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT json_build_object('id', id, 'brightManagerId', bright_manager_id,
                                             'createdAt', created_at, 'updatedAt', updated_at,
                                             'client', body::json)::text
                    FROM bc_client WHERE account_id = ? ORDER BY id
                    """)) {
                ps.setString(1, accountId);
                ps.setFetchSize(5_000);
                out.write("[");
                boolean first = true;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!first) {
                            out.write(",\n");
                        }
                        first = false;
                        out.write(rs.getString(1));
                    }
                }
                out.write("]");
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record held for one BrightManager client (more than one would be a duplicate), as JSON. */
    public java.util.List<String> byBrightManagerId(String accountId, String brightManagerId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT json_build_object('id', id, 'brightManagerId', bright_manager_id, 'createdAt', created_at,
                                         'updatedAt', updated_at, 'client', body::json)::text
                FROM bc_client WHERE account_id = ? AND bright_manager_id = ? ORDER BY id
                """)) {
            ps.setString(1, accountId);
            ps.setString(2, brightManagerId);
            java.util.List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** Record count and duplicate count per BrightManager id, for checks at any scale. */
    public Stats stats(String accountId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), count(DISTINCT bright_manager_id) FROM bc_client WHERE account_id = ?
                """)) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long records = rs.getLong(1);
                long distinct = rs.getLong(2);
                return new Stats(records, distinct, records - distinct);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** How many records BrightClient holds for an account, and how many BrightManager ids appear twice or more. */
    public record Stats(long records, long distinctBrightManagerIds, long duplicates) {
    }
}
