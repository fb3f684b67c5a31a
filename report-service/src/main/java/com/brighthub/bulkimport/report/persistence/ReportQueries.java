package com.brighthub.bulkimport.report.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the REST API reads: an account's report, its failures by reason, and the failure rows. */
@ApplicationScoped
public class ReportQueries {

    private final AgroalDataSource db;

    public ReportQueries(AgroalDataSource db) {
        this.db = db;
    }

    /** The account's report of an import. */
    @Transactional
    public Optional<ReportRow> report(String accountId, String importId) {
        return ReportRows.select(db, "import_id = ? AND account_id = ?", ps -> {
            ps.setString(1, importId);
            ps.setString(2, accountId);
        }).stream().findFirst();
    }

    /** Failure rows per reason code, and how many are still open. */
    @Transactional
    public Map<String, long[]> failuresByReason(String accountId, String importId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT reason_code, count(*), count(*) FILTER (WHERE status = 'OPEN')
                FROM failure_row WHERE import_id = ? AND account_id = ? GROUP BY reason_code
                """)) {
            ps.setString(1, importId);
            ps.setString(2, accountId);
            Map<String, long[]> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read failures: " + e.getMessage(), e);
        }
    }

    /**
     * Streams the failure rows of an import in a stable order, optionally filtered, reading from the
     * database in chunks so a large export never sits in memory.
     */
    @Transactional
    public void failures(String accountId, String importId, String reasonCode, String status, long offset, long limit,
            Consumer<FailureRow> sink) {
        String sql = "SELECT id, client_id, client_reference, client_name, reason_code, detail, status, created_at,"
                + " resolved_at FROM failure_row WHERE " + failureFilter(reasonCode, status)
                + " ORDER BY reason_code, id OFFSET ? LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindFailureFilter(ps, accountId, importId, reasonCode, status);
            ps.setLong(i++, offset);
            ps.setLong(i, limit);
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new FailureRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), ReportRows.instant(rs.getTimestamp(8)),
                            ReportRows.instant(rs.getTimestamp(9))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read failures: " + e.getMessage(), e);
        }
    }

    /** How many failure rows match. */
    @Transactional
    public long countFailures(String accountId, String importId, String reasonCode, String status) {
        String sql = "SELECT count(*) FROM failure_row WHERE " + failureFilter(reasonCode, status);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindFailureFilter(ps, accountId, importId, reasonCode, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count failures: " + e.getMessage(), e);
        }
    }

    private static String failureFilter(String reasonCode, String status) {
        return "import_id = ? AND account_id = ?" + (reasonCode != null ? " AND reason_code = ?" : "")
                + (status != null ? " AND status = ?" : "");
    }

    /** Binds {@link #failureFilter}'s parameters; returns the next parameter index. */
    private static int bindFailureFilter(PreparedStatement ps, String accountId, String importId, String reasonCode,
            String status) throws SQLException {
        int i = 1;
        ps.setString(i++, importId);
        ps.setString(i++, accountId);
        if (reasonCode != null) {
            ps.setString(i++, reasonCode);
        }
        if (status != null) {
            ps.setString(i++, status);
        }
        return i;
    }
}
