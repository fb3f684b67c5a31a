package com.brighthub.bulkimport.report.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The progress outbox: which reports' progress and completion are due to be announced on Kafka, and
 * noting that they were. A completion is announced at least once, even across a crash.
 */
@ApplicationScoped
public class ProgressOutbox {

    private final AgroalDataSource db;

    public ProgressOutbox(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * The reports whose progress is due for publishing among {@code importIds}: completed but not yet
     * announced, or running and not announced for {@code interval}.
     */
    @Transactional
    public List<ReportRow> dueForProgress(Collection<String> importIds, Duration interval) {
        return ReportRows.select(db, """
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
        return ReportRows.select(db, "completed_at IS NOT NULL AND NOT completion_published", ps -> { });
    }

    /**
     * Running reports with progress made since their last publication, which is {@code interval} old: the
     * last outcomes of a burst, folded within the interval of the publication before them, are announced
     * even when no outcome follows to carry them.
     */
    @Transactional
    public List<ReportRow> unannouncedProgress(Duration interval) {
        return ReportRows.select(db, """
                completed_at IS NULL
                  AND published_processed < linked_at_start + imported + failed + excluded + linked_during
                  AND (progress_published_at IS NULL OR progress_published_at < now() - make_interval(secs => ?))
                """, ps -> ps.setDouble(1, interval.toMillis() / 1000.0));
    }

    /** Notes that progress (and completion, where complete) of these reports was published. */
    @Transactional
    public void markPublished(List<ReportRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE import_report SET progress_published_at = now(),
                  completion_published = completion_published OR completed_at IS NOT NULL AND completed_at <= ?,
                  published_processed = GREATEST(published_processed, ?)
                WHERE import_id = ?
                """)) {
            for (ReportRow r : rows) {
                ps.setTimestamp(1, ReportRows.ts(r.completedAt() == null ? Instant.EPOCH : r.completedAt()));
                ps.setLong(2, r.processed());
                ps.setString(3, r.importId());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark progress published: " + e.getMessage(), e);
        }
    }
}
