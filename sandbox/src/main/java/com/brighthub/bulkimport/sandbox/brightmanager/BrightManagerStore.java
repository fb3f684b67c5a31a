package com.brighthub.bulkimport.sandbox.brightmanager;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * BrightManager's accounts and client files in PostgreSQL (plain JDBC: the sandbox loads a million
 * generated clients in batches).
 */
@ApplicationScoped
public class BrightManagerStore {

    /** A generated client file with what its generator injected. */
    public record Row(String clientId, String body, String expectedReasons) {
    }

    @Inject
    AgroalDataSource db;

    /** Creates or updates an account; enabling BrightClient (from disabled) notes when. */
    public Account upsertAccount(String accountId, String name, boolean enabled) {
        sql("""
                INSERT INTO bm_account AS a (account_id, name, bright_client_enabled, bright_client_enabled_at)
                VALUES (?, ?, ?, CASE WHEN ? THEN ?::timestamptz END)
                ON CONFLICT (account_id) DO UPDATE
                  SET name = EXCLUDED.name, bright_client_enabled = EXCLUDED.bright_client_enabled, updated_at = now(),
                      bright_client_enabled_at = CASE
                        WHEN NOT EXCLUDED.bright_client_enabled THEN NULL
                        WHEN a.bright_client_enabled THEN a.bright_client_enabled_at
                        ELSE EXCLUDED.bright_client_enabled_at END
                """, ps -> {
            ps.setString(1, accountId);
            ps.setString(2, name);
            ps.setBoolean(3, enabled);
            ps.setBoolean(4, enabled);
            ps.setTimestamp(5, java.sql.Timestamp.from(java.time.Instant.now()));
            ps.executeUpdate();
            return null;
        });
        return account(accountId).orElseThrow();
    }

    public Optional<Account> account(String accountId) {
        return sql("SELECT name, bright_client_enabled, bright_client_enabled_at FROM bm_account WHERE account_id = ?",
                ps -> {
                    ps.setString(1, accountId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Account(accountId, rs.getString(1), rs.getBoolean(2),
                                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                                : Optional.<Account>empty();
                    }
                });
    }

    /** Stores a client file saved by a user; what it should fail on is no longer known. */
    public void save(String accountId, String clientId, String body) {
        sql("""
                INSERT INTO bm_client (account_id, client_id, body, expected_reasons) VALUES (?, ?, ?, NULL)
                ON CONFLICT (account_id, client_id) DO UPDATE
                  SET body = EXCLUDED.body, expected_reasons = NULL, saved_at = now()
                """, ps -> {
            ps.setString(1, accountId);
            ps.setString(2, clientId);
            ps.setString(3, body);
            ps.executeUpdate();
            return null;
        });
    }

    public Optional<String> client(String accountId, String clientId) {
        return sql("SELECT body FROM bm_client WHERE account_id = ? AND client_id = ?", ps -> {
            ps.setString(1, accountId);
            ps.setString(2, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    public long count(String accountId) {
        return sql("SELECT count(*) FROM bm_client WHERE account_id = ?", ps -> {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * One page in listing order after {@code cursor} (exclusive), as the listing's JSON: the stored client
     * files are sent as they are, unparsed. The first page also says how many clients there are.
     */
    public String page(String accountId, long cursor, int limit) {
        long total = cursor == 0 ? count(accountId) : -1;
        return sql("""
                SELECT seq, body FROM bm_client WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, ps -> {
            ps.setString(1, accountId);
            ps.setLong(2, cursor);
            ps.setInt(3, limit + 1);
            StringBuilder json = new StringBuilder(limit * 1024).append("{\"clients\":[");
            long last = cursor;
            int n = 0;
            boolean more = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == limit) {
                        more = true;
                        break;
                    }
                    if (n++ > 0) {
                        json.append(',');
                    }
                    last = rs.getLong(1);
                    json.append(rs.getString(2));
                }
            }
            json.append("],\"nextCursor\":").append(more ? "\"" + last + "\"" : "null");
            if (total >= 0) {
                json.append(",\"total\":").append(total);
            }
            return json.append('}').toString();
        });
    }

    /** Loads generated clients in one batch, as pre-existing data. */
    public void insertGenerated(String accountId, List<Row> rows) {
        sql("""
                INSERT INTO bm_client (account_id, client_id, body, expected_reasons) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, client_id) DO NOTHING
                """, ps -> {
            for (Row row : rows) {
                ps.setString(1, accountId);
                ps.setString(2, row.clientId());
                ps.setString(3, row.body());
                ps.setString(4, row.expectedReasons());
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    /** How many generated clients (still as generated) share each combination of expected reasons. */
    public java.util.Map<String, Long> expectedReasonCounts(String accountId) {
        return sql("""
                SELECT expected_reasons, count(*) FROM bm_client
                WHERE account_id = ? AND expected_reasons IS NOT NULL GROUP BY expected_reasons
                """, ps -> {
            ps.setString(1, accountId);
            java.util.Map<String, Long> out = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** The ids of the generated clients (still as generated) that an import must bring into BrightClient. */
    public java.util.List<String> expectedValidIds(String accountId) {
        return sql("SELECT client_id FROM bm_client WHERE account_id = ? AND expected_reasons = '' ORDER BY client_id",
                ps -> {
                    ps.setString(1, accountId);
                    java.util.List<String> out = new java.util.ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    /** Runs one statement on a pooled connection. */
    <T> T sql(String sql, SqlWork<T> work) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return work.run(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** A unit of JDBC work on a prepared statement. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(PreparedStatement ps) throws SQLException;
    }
}
