package com.brighthub.bulkimport.importapi.persistence;

import com.brighthub.bulkimport.importapi.persistence.ImportStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One bulk import run: who started it, how far its enumeration of BrightManager got, and its progress.
 *
 * <p>Two writers share a row – the enumerator (cursor and counts, under a row lock) and the progress
 * listener (processed, status) – so an update writes only the columns it changed.
 */
@Entity
@Table(name = "bulk_import")
@DynamicUpdate
public class ImportRun extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Enumerated(EnumType.STRING)
    public ImportStatus status;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "started_role")
    public String startedRole;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String cursor;

    @Column(name = "started_event_sent")
    public boolean startedEventSent;

    @Column(name = "enumeration_done")
    public boolean enumerationDone;

    @Column(name = "expected_total")
    public Long expectedTotal;

    public long total;

    @Column(name = "already_linked")
    public long alreadyLinked;

    public long emitted;

    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    public long processed;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The fencing token: raised by every claim, checked by every commit of the enumeration. */
    @Column(name = "lease_epoch")
    public long leaseEpoch;

    /** Why a FAILED import failed, in words the user can act on. */
    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    /** False once the import ended until its end was published to the other services. */
    @Column(name = "end_announced")
    public boolean endAnnounced;

    /** The account's imports, newest first. */
    public static List<ImportRun> ofAccount(String accountId, int page, int size) {
        return find("accountId", Sort.descending("startedAt", "id"), accountId)
                .page(io.quarkus.panache.common.Page.of(page, size)).list();
    }

    /** An import, only if it belongs to the account. */
    public static Optional<ImportRun> inAccount(String accountId, String importId) {
        return find("id = ?1 and accountId = ?2", importId, accountId).firstResultOptional();
    }

    /** The account's running import, if any. */
    public static Optional<ImportRun> runningIn(String accountId) {
        return find("accountId = ?1 and status = ?2", accountId, ImportStatus.RUNNING).firstResultOptional();
    }
}
