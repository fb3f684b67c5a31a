package com.brighthub.bulkimport.importapi.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One audited action on an account – a start or cancel of a bulk import, or Bright Support's access:
 * who, in which role, for which account, when, and how it ended ({@code STARTED}, {@code CANCELLED},
 * {@code ALLOWED} or the refusal's code).
 */
@Entity
@Table(name = "import_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_audit_seq")
    @SequenceGenerator(name = "import_audit_seq", sequenceName = "import_audit_seq", allocationSize = 50)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "user_id")
    public String userId;

    public String role;

    public String action;

    public String outcome;

    @Column(name = "import_id")
    public String importId;

    public String message;

    public Instant at;

    /** The id of the event another service sent this entry in, if it came that way. */
    @Column(name = "event_id")
    public String eventId;

    /** The account's newest entries first. */
    public static List<AuditEntry> ofAccount(String accountId, int page, int size) {
        return find("accountId", Sort.descending("at", "id"), accountId).page(Page.of(page, size)).list();
    }
}
