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

    /**
     * The save lane, {@link #CLIENT_RECORDS}' twin for BrightManager saves: a save never waits behind an
     * import's backlog, because the validator and sync-worker read this lane with consumers of their own.
     */
    public static final String SAVE_RECORDS = "bulkimport.save-records";

    /** The save lane's verdicts, {@link #VALIDATION_RESULTS}' twin for BrightManager saves. */
    public static final String SAVE_VERDICTS = "bulkimport.save-verdicts";

    /**
     * sync-worker's deferred lane: passed records of a practice BrightClient is throttling, moved out of
     * the bulk lanes so that they never hold up other practices' records, and synchronised from here as the
     * practice's limit allows.
     */
    public static final String SYNC_DEFERRED = "bulkimport.sync-deferred";

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

    /** Dead-letter topic of the sandbox (a stand-in's own consumers, local stacks only). */
    public static final String DLQ_SANDBOX = "bulkimport.dlq.sandbox";

    /** Largest message any topic takes: Kafka's default, above the pipeline's 1 MiB event limit. */
    public static final int MAX_MESSAGE_BYTES = 1_048_588;

    private static final long WEEK_MS = 7L * 24 * 3600 * 1000;

    /**
     * Every topic the system uses, with the settings it relies on: partitions (the unit of scaling out),
     * retention, compaction (the links topic keeps each client's latest link for ever) and message size.
     * Services create what is missing and refuse to run on a topic that contradicts this. {@code partitions}
     * and {@code replicationFactor} come from the environment (6 and 1 on a local stack).
     */
    public static java.util.List<TopicDeclaration> declared(int partitions, short replicationFactor) {
        java.util.List<TopicDeclaration> out = new java.util.ArrayList<>();
        for (String pipeline : java.util.List.of(CLIENT_SAVED, CLIENT_RECORDS, VALIDATION_RESULTS, SAVE_RECORDS,
                SAVE_VERDICTS, SYNC_DEFERRED, SYNC_RESULTS, IMPORT_EVENTS, IMPORT_PROGRESS, AUDIT)) {
            out.add(new TopicDeclaration(pipeline, partitions, replicationFactor, "delete", WEEK_MS, MAX_MESSAGE_BYTES));
        }
        out.add(new TopicDeclaration(CLIENT_LINKS, partitions, replicationFactor, "compact", -1, MAX_MESSAGE_BYTES));
        for (String dlq : java.util.List.of(DLQ_IMPORT_API, DLQ_RECORD_VALIDATOR, DLQ_SYNC_WORKER, DLQ_REPORT_SERVICE,
                DLQ_SANDBOX)) {
            // dead letters wait for a person: a month
            out.add(new TopicDeclaration(dlq, partitions, replicationFactor, "delete", 30 * 24 * 3600 * 1000L,
                    MAX_MESSAGE_BYTES));
        }
        return out;
    }

    /**
     * Every topic by its short name, the part after the first dot ({@code client-records},
     * {@code dlq.sync-worker}): the services' configuration names a channel's topic as
     * {@code ${bright.topic.<short name>}}, so a topic's name is written here only.
     */
    public static java.util.Map<String, String> byShortName() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (TopicDeclaration topic : declared(1, (short) 1)) {
            out.put(topic.name().substring(topic.name().indexOf('.') + 1), topic.name());
        }
        return out;
    }

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
