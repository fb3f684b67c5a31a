package com.brighthub.bulkimport.report.persistence;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading {@code import_report} rows, and the timestamp conversions the report's SQL shares. */
final class ReportRows {

    private static final String COLUMNS = """
            import_id, account_id, started_by, started_at, enumerated, total, linked_at_start, emitted, imported,
            failed, excluded, linked_during, first_outcome_at, last_activity_at, completed_at, resolved_since_import,
            status, failure_reason, ended_at""";

    private ReportRows() {
    }

    /** Binds a query's parameters. */
    @FunctionalInterface
    interface SqlParams {
        void set(PreparedStatement ps) throws SQLException;
    }

    /** The reports matching {@code where}. */
    static List<ReportRow> select(AgroalDataSource db, String where, SqlParams params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM import_report WHERE " + where)) {
            params.set(ps);
            List<ReportRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read reports: " + e.getMessage(), e);
        }
    }

    private static ReportRow row(ResultSet rs) throws SQLException {
        return new ReportRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                rs.getBoolean(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)), rs.getLong(16), rs.getString(17), rs.getString(18),
                instant(rs.getTimestamp(19)));
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
