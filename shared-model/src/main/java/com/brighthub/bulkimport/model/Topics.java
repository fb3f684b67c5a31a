package com.brighthub.bulkimport.model;

/**
 * The one registry of Kafka topic names shared by every service.
 */
public final class Topics {

    /** BrightManager's change stream: one event per saved client file (external contract). */
    public static final String CLIENT_SAVED = "brightmanager.client-saved";

    /** One event per client to validate, from an import run or a BrightManager save. */
    public static final String CLIENT_RECORDS = "bulkimport.client-records";

    /** The validator's verdict per client: PASS (with the client), FAIL (with reasons) or EXCLUDED. */
    public static final String VALIDATION_RESULTS = "bulkimport.validation-results";

    /** The sync worker's outcome per client: IMPORTED, UPDATED, ALREADY_LINKED, REJECTED, STALE or SKIPPED. */
    public static final String SYNC_RESULTS = "bulkimport.sync-results";

    /** Import lifecycle facts from import-api: started, enumerating, enumerated, and how it ended. */
    public static final String IMPORT_EVENTS = "bulkimport.import-events";

    /** Progress and completion of each import, as aggregated by report-service. */
    public static final String IMPORT_PROGRESS = "bulkimport.import-progress";

    /** BrightManager-id to BrightClient-id links, owned by sync-worker (compacted). */
    public static final String CLIENT_LINKS = "bulkimport.client-links";

    /** Entries for an account's audit trail from services other than import-api, which keeps the trail. */
    public static final String AUDIT = "bulkimport.audit";

    /** Dead-letter topic of the record-validator. */
    public static final String DLQ_RECORD_VALIDATOR = "bulkimport.dlq.record-validator";

    /** Dead-letter topic of the sync-worker. */
    public static final String DLQ_SYNC_WORKER = "bulkimport.dlq.sync-worker";

    /** Dead-letter topic of the report-service. */
    public static final String DLQ_REPORT_SERVICE = "bulkimport.dlq.report-service";

    /** Dead-letter topic of the import-api's consumers (change-listener, progress, links). */
    public static final String DLQ_IMPORT_API = "bulkimport.dlq.import-api";

    private Topics() {
    }

    /** The Kafka key that keeps one client's events in order on one partition: {@link ClientKey}'s text form. */
    public static String clientKey(String accountId, String clientId) {
        return ClientKey.of(accountId, clientId).value();
    }

    /** The Kafka key of an import's lifecycle and progress events (escaped as {@link ClientKey} escapes). */
    public static String importKey(String accountId, String importId) {
        return ClientKey.escape(accountId) + ":" + ClientKey.escape(importId);
    }
}
