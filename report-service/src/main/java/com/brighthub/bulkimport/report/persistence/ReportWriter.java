package com.brighthub.bulkimport.report.persistence;

import com.brighthub.bulkimport.model.events.ImportEvent;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.report.persistence.Outcome;
import com.brighthub.bulkimport.report.persistence.OutcomeKind;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the reports, a polled batch at a time. Counting is idempotent: a client's outcome row is
 * inserted once per import (primary key), and counters and failure rows move only for rows actually
 * inserted, so redelivered or replayed events never count twice.
 */
@ApplicationScoped
public class ReportWriter {

    private final AgroalDataSource db;

    public ReportWriter(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Applies import-api's lifecycle facts: figures only ever grow, an enumeration once complete stays so,
     * and the status is import-api's – RUNNING until its first announced end, which is final. One fact per
     * import ({@link com.brighthub.bulkimport.report.domain.ImportFacts} folds a batch): a rewritten batch
     * insert may not touch the same row twice.
     */
    @Transactional
    public Set<String> applyImportEvents(Collection<ImportEvent> onePerImport) {
        Set<String> touched = new HashSet<>();
        if (onePerImport.isEmpty()) {
            return touched;
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
            for (ImportEvent e : onePerImport) {
                ps.setString(1, e.importId());
                ps.setString(2, e.accountId());
                ps.setString(3, e.startedBy());
                ps.setTimestamp(4, ReportRows.ts(e.startedAt()));
                ps.setBoolean(5, e.type() == ImportEvent.Type.ENUMERATED);
                ps.setLong(6, e.total());
                ps.setLong(7, e.alreadyLinked());
                ps.setLong(8, e.emitted());
                Instant at = e.occurredAt() == null ? Instant.now() : e.occurredAt();
                ps.setTimestamp(9, ReportRows.ts(at));
                boolean ends = e.type() != null && e.type().ends();
                ps.setString(10, ends ? e.type().name() : "RUNNING");
                ps.setString(11, ends ? e.failureReason() : null);
                ps.setTimestamp(12, ends ? ReportRows.ts(at) : null);
                ps.addBatch();
                touched.add(e.importId());
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record import events: " + e.getMessage(), e);
        }
        return touched;
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
                    ps.setTimestamp(8, ReportRows.ts(o.at() == null ? Instant.now() : o.at()));
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
}
