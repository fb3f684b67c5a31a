package com.brighthub.bulkimport.report.persistence;

import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.report.domain.Outcome;
import com.brighthub.bulkimport.report.domain.OutcomeKind;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The report tables, written a polled batch at a time. Counting is idempotent: a client's outcome row
 * is inserted once per import (primary key), and counters and failure rows move only for rows actually
 * inserted, so redelivered or replayed events never count twice.
 */
@ApplicationScoped
public class ReportStore {

    private static final String ROW_COLUMNS = """
            import_id, account_id, started_by, started_at, enumerated, total, linked_at_start, emitted, imported,
            failed, excluded, linked_during, first_outcome_at, last_activity_at, completed_at, resolved_since_import,
            status, failure_reason, ended_at""";

    @Inject
    AgroalDataSource db;

    /**
     * Applies import-api's lifecycle facts: figures only ever grow, an enumeration once complete stays so,
     * and the status is import-api's – RUNNING until its first announced end, which is final.
     */
    @Transactional
    public Set<String> applyImportEvents(List<ImportEvent> events) {
        Set<String> touched = new HashSet<>();
        if (events.isEmpty()) {
            return touched;
        }
        // one row per import: a rewritten batch insert may not touch the same row twice
        Map<String, ImportEvent> folded = new LinkedHashMap<>();
        for (ImportEvent e : events) {
            folded.merge(e.importId(), e, ReportStore::fold);
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO import_report AS r (import_id, account_id, started_by, started_at, enumerated, total,
                                                linked_at_start, emitted, last_activity_at, status, failure_reason,
                                                ended_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (import_id) DO UPDATE SET
                  status           = CASE WHEN r.status = 'RUNNING' THEN EXCLUDED.status ELSE r.status END,
                  failure_reason   = CASE WHEN r.status = 'RUNNING' THEN EXCLUDED.failure_reason ELSE r.failure_reason END,
                  ended_at         = CASE WHEN r.status = 'RUNNING' THEN EXCLUDED.ended_at ELSE r.ended_at END,
                  started_by       = COALESCE(r.started_by, EXCLUDED.started_by),
                  started_at       = COALESCE(r.started_at, EXCLUDED.started_at),
                  enumerated       = r.enumerated OR EXCLUDED.enumerated,
                  total            = GREATEST(r.total, EXCLUDED.total),
                  linked_at_start  = GREATEST(r.linked_at_start, EXCLUDED.linked_at_start),
                  emitted          = GREATEST(r.emitted, EXCLUDED.emitted),
                  last_activity_at = GREATEST(r.last_activity_at, EXCLUDED.last_activity_at)
                WHERE r.account_id = EXCLUDED.account_id
                """)) {
            for (ImportEvent e : folded.values()) {
                ps.setString(1, e.importId());
                ps.setString(2, e.accountId());
                ps.setString(3, e.startedBy());
                ps.setTimestamp(4, ts(e.startedAt()));
                ps.setBoolean(5, e.type() == ImportEvent.Type.ENUMERATED);
                ps.setLong(6, e.total());
                ps.setLong(7, e.alreadyLinked());
                ps.setLong(8, e.emitted());
                ps.setTimestamp(9, ts(e.occurredAt() == null ? Instant.now() : e.occurredAt()));
                boolean ends = e.type() != null && e.type().ends();
                ps.setString(10, ends ? e.type().name() : "RUNNING");
                ps.setString(11, ends ? e.failureReason() : null);
                ps.setTimestamp(12, ends ? ts(e.occurredAt() == null ? Instant.now() : e.occurredAt()) : null);
                ps.addBatch();
                touched.add(e.importId());
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record import events: " + e.getMessage(), e);
        }
        return touched;
    }

    /**
     * Two facts of one import as one: an end wins (the first), then a completed enumeration. An end that
     * comes with a completed enumeration in the same batch keeps the enumeration complete, as the end's
     * own figures are then the final ones.
     */
    private static ImportEvent fold(ImportEvent a, ImportEvent b) {
        ImportEvent.Type type = a.type() != null && a.type().ends() ? a.type()
                : b.type() != null && b.type().ends() ? b.type()
                : a.type() == ImportEvent.Type.ENUMERATED || b.type() == ImportEvent.Type.ENUMERATED
                        ? ImportEvent.Type.ENUMERATED : b.type();
        String failureReason = a.type() != null && a.type().ends() ? a.failureReason() : b.failureReason();
        return new ImportEvent(b.eventId(), a.accountId(), a.importId(), type,
                a.occurredAt() == null || (b.occurredAt() != null && b.occurredAt().isAfter(a.occurredAt()))
                        ? b.occurredAt() : a.occurredAt(),
                a.startedBy() != null ? a.startedBy() : b.startedBy(), a.startedAt() != null ? a.startedAt() : b.startedAt(),
                Math.max(a.total(), b.total()), Math.max(a.alreadyLinked(), b.alreadyLinked()),
                Math.max(a.emitted(), b.emitted()), failureReason);
    }

    /** Records outcomes once each; returns the imports whose figures moved. */
    @Transactional
    public Set<String> applyOutcomes(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Set.of();
        }
        // the last word per (import, client) within the batch; the table keeps the first across batches
        Map<String, Outcome> unique = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            unique.putIfAbsent(o.importId() + "\u0000" + o.clientId(), o);
        }
        try (Connection c = db.getConnection()) {
            ensureReports(c, unique.values());
            Set<String> inserted = insertOutcomes(c, unique.values());
            List<Outcome> fresh = unique.entrySet().stream().filter(e -> inserted.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            insertFailureRows(c, fresh);
            return bumpCounters(c, fresh);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record outcomes: " + e.getMessage(), e);
        }
    }

    private void ensureReports(Connection c, Collection<Outcome> outcomes) throws SQLException {
        Map<String, String> imports = new HashMap<>();
        outcomes.forEach(o -> imports.putIfAbsent(o.importId(), o.accountId()));
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO import_report (import_id, account_id, last_activity_at) VALUES (?, ?, now())
                ON CONFLICT (import_id) DO NOTHING
                """)) {
            for (Map.Entry<String, String> e : imports.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Set<String> insertOutcomes(Connection c, Collection<Outcome> outcomes) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO client_outcome (import_id, client_id, account_id, outcome, recorded_at)
                SELECT o.import_id, o.client_id, o.account_id, o.outcome, now()
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS o(import_id, client_id, account_id, outcome)
                -- an outcome counts only for an import of the same account
                JOIN import_report r ON r.import_id = o.import_id AND r.account_id = o.account_id
                ON CONFLICT (import_id, client_id) DO NOTHING
                RETURNING import_id, client_id
                """)) {
            ps.setArray(1, c.createArrayOf("text", outcomes.stream().map(Outcome::importId).toArray()));
            ps.setArray(2, c.createArrayOf("text", outcomes.stream().map(Outcome::clientId).toArray()));
            ps.setArray(3, c.createArrayOf("text", outcomes.stream().map(Outcome::accountId).toArray()));
            ps.setArray(4, c.createArrayOf("text", outcomes.stream().map(o -> o.kind().name()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1) + "\u0000" + rs.getString(2));
                }
            }
        }
        return inserted;
    }

    private void insertFailureRows(Connection c, List<Outcome> fresh) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO failure_row (id, import_id, account_id, client_id, client_reference, client_name,
                                         reason_code, detail, status, created_at)
                VALUES (nextval('failure_row_seq'), ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
                """)) {
            int n = 0;
            for (Outcome o : fresh) {
                if (o.kind() != OutcomeKind.FAILED) {
                    continue;
                }
                for (Reason r : o.reasons()) {
                    ps.setString(1, o.importId());
                    ps.setString(2, o.accountId());
                    ps.setString(3, o.clientId());
                    ps.setString(4, o.clientReference());
                    ps.setString(5, o.clientName());
                    ps.setString(6, r.code().name());
                    ps.setString(7, r.detail());
                    ps.setTimestamp(8, ts(o.at() == null ? Instant.now() : o.at()));
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    private Set<String> bumpCounters(Connection c, List<Outcome> fresh) throws SQLException {
        Map<String, EnumMap<OutcomeKind, Long>> counts = new HashMap<>();
        for (Outcome o : fresh) {
            counts.computeIfAbsent(o.importId(), k -> new EnumMap<>(OutcomeKind.class)).merge(o.kind(), 1L, Long::sum);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE import_report SET imported = imported + ?, failed = failed + ?, excluded = excluded + ?,
                  linked_during = linked_during + ?, first_outcome_at = COALESCE(first_outcome_at, now()),
                  last_activity_at = now()
                WHERE import_id = ?
                """)) {
            for (Map.Entry<String, EnumMap<OutcomeKind, Long>> e : counts.entrySet()) {
                ps.setLong(1, e.getValue().getOrDefault(OutcomeKind.IMPORTED, 0L));
                ps.setLong(2, e.getValue().getOrDefault(OutcomeKind.FAILED, 0L));
                ps.setLong(3, e.getValue().getOrDefault(OutcomeKind.EXCLUDED, 0L));
                ps.setLong(4, e.getValue().getOrDefault(OutcomeKind.ALREADY_LINKED, 0L));
                ps.setString(5, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return counts.keySet();
    }

    /** Marks complete each of {@code importIds} whose every emitted client has an outcome. */
    @Transactional
    public void completeFinished(Collection<String> importIds) {
        if (importIds.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE import_report SET completed_at = now()
                WHERE import_id = ANY(?) AND completed_at IS NULL AND enumerated
                  AND imported + failed + excluded + linked_during >= emitted
                """)) {
            ps.setArray(1, c.createArrayOf("text", importIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot complete imports: " + e.getMessage(), e);
        }
    }

    /**
     * The reports whose progress is due for publishing among {@code importIds}: completed but not yet
     * announced, or running and not announced for {@code interval}.
     */
    @Transactional
    public List<ReportRow> dueForProgress(Collection<String> importIds, Duration interval) {
        return rows("""
                import_id = ANY(?) AND ((completed_at IS NOT NULL AND NOT completion_published)
                  OR (completed_at IS NULL AND (progress_published_at IS NULL
                      OR progress_published_at < now() - make_interval(secs => ?))))
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", importIds.toArray()));
            ps.setDouble(2, interval.toMillis() / 1000.0);
        });
    }

    /** Completed reports whose completion was never announced (a crash came between). */
    @Transactional
    public List<ReportRow> unannouncedCompletions() {
        return rows("completed_at IS NOT NULL AND NOT completion_published", ps -> { });
    }

    private List<ReportRow> rows(String where, SqlParams params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + ROW_COLUMNS + " FROM import_report WHERE " + where)) {
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

    /** Binds a query's parameters. */
    @FunctionalInterface
    interface SqlParams {
        void set(PreparedStatement ps) throws SQLException;
    }

    /** Notes that progress (and completion, where complete) of these reports was published. */
    @Transactional
    public void markPublished(List<ReportRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE import_report SET progress_published_at = now(),
                  completion_published = completion_published OR completed_at IS NOT NULL AND completed_at <= ?
                WHERE import_id = ?
                """)) {
            for (ReportRow r : rows) {
                ps.setTimestamp(1, ts(r.completedAt() == null ? Instant.EPOCH : r.completedAt()));
                ps.setString(2, r.importId());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark progress published: " + e.getMessage(), e);
        }
    }

    /** The account's report of an import. */
    @Transactional
    public Optional<ReportRow> report(String accountId, String importId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + ROW_COLUMNS + " FROM import_report WHERE import_id = ? AND account_id = ?")) {
            ps.setString(1, importId);
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the report: " + e.getMessage(), e);
        }
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
                            rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9))));
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

    private static ReportRow row(ResultSet rs) throws SQLException {
        return new ReportRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                rs.getBoolean(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)), rs.getLong(16), rs.getString(17), rs.getString(18),
                instant(rs.getTimestamp(19)));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
