package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.KeyedMessages;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort.Unreadable;
import com.brighthub.bulkimport.importapi.config.ImportConfig;
import com.brighthub.bulkimport.importapi.domain.ImportAnnouncements;
import com.brighthub.bulkimport.model.Json;
import org.eclipse.microprofile.reactive.messaging.Message;
import com.brighthub.bulkimport.importapi.persistence.ImportRun;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.events.ImportEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Everything import-api puts on the pipeline, each send acknowledged by the broker before it returns.
 */
@ApplicationScoped
public class PipelineEvents implements ImportAnnouncements {

    @Inject
    @Channel("client-records")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> clientRecords;

    /** The save lane: BrightManager saves, which never wait behind an import's records. */
    @Inject
    @Channel("save-records")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> saveRecords;

    @Inject
    @Channel("import-events")
    Emitter<String> importEvents;

    @Inject
    ImportConfig config;

    /**
     * One client-record event per client of an import, keyed by account and client, with the import in a
     * header. A client file too large for the pipeline, or one BrightManager listed but that could not
     * be read, goes as an unreadable record instead, so that it is accounted for and the page is never
     * refused by the broker (and retried for ever).
     */
    @Override
    public void clientRecords(String accountId, String importId, List<Client> clients, List<Unreadable> unreadable) {
        List<Message<String>> messages = new ArrayList<>(clients.size() + unreadable.size());
        for (Client client : clients) {
            String json = Json.write(ClientRecordEvent.fromImport(accountId, importId, client));
            long bytes = utf8Length(json);
            if (bytes > config.maxRecordBytes()) {
                json = Json.write(ClientRecordEvent.unreadable(accountId, importId, client.id(), String.format(
                        "The client file is too large for the import: %.1f MiB, and the import carries client files"
                                + " of up to %d KiB", bytes / 1048576.0, config.maxRecordBytes() / 1024)));
            }
            messages.add(KeyedMessages.keyedJson(Topics.clientKey(accountId, client.id()), json,
                    ClientRecordEvent.IMPORT_HEADER, importId));
        }
        for (Unreadable u : unreadable) {
            messages.add(KeyedMessages.keyedJson(Topics.clientKey(accountId, u.clientId()),
                    Json.write(ClientRecordEvent.unreadable(accountId, importId, u.clientId(), u.problem())),
                    ClientRecordEvent.IMPORT_HEADER, importId));
        }
        KeyedMessages.sendAll(clientRecords, messages);
    }

    /** The length of {@code s} in UTF-8, counted only where it could matter. */
    private long utf8Length(String s) {
        if ((long) s.length() * 3 <= config.maxRecordBytes()) {
            return s.length();
        }
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * BrightManager saves as client-record events, each keyed by account and client, on the save lane
     * ({@code bulkimport.save-records}), so that a corrected client reaches BrightClient ahead of any
     * import's backlog.
     */
    public void saves(List<ClientRecordEvent> records) {
        KeyedMessages.sendAll(saveRecords, records.stream()
                .map(e -> KeyedMessages.keyed(Topics.clientKey(e.accountId(), e.clientId()), e)).toList());
    }

    @Override
    public void started(ImportRun run) {
        send(run, ImportEvent.Type.STARTED);
    }

    /** Running counts after a committed page, so the report's figures grow during enumeration. */
    @Override
    public void enumerating(ImportRun run) {
        send(run, ImportEvent.Type.ENUMERATING);
    }

    @Override
    public void enumerated(ImportRun run) {
        send(run, ImportEvent.Type.ENUMERATED);
    }

    /**
     * The import's end: its status, and for one that ended before its enumeration did, the clients
     * BrightManager said the account holds as its total (those not reached are not processed).
     */
    @Override
    public void ended(ImportRun run) {
        ImportEvent.Type type = switch (run.status) {
            case COMPLETED -> ImportEvent.Type.COMPLETED;
            case FAILED -> ImportEvent.Type.FAILED;
            case CANCELLED -> ImportEvent.Type.CANCELLED;
            case RUNNING -> throw new IllegalArgumentException("import " + run.id + " has not ended");
        };
        long total = run.enumerationDone || run.expectedTotal == null ? run.total : Math.max(run.total, run.expectedTotal);
        send(run, type, total, run.failureReason);
    }

    private void send(ImportRun run, ImportEvent.Type type) {
        send(run, type, run.total, null);
    }

    private void send(ImportRun run, ImportEvent.Type type, long total, String failureReason) {
        ImportEvent event = new ImportEvent(UUID.randomUUID(), run.accountId, run.id, type, Instant.now(),
                run.startedBy, run.startedAt, total, run.alreadyLinked, run.emitted, failureReason);
        KeyedMessages.sendAll(importEvents, List.of(KeyedMessages.keyed(Topics.importKey(run.accountId, run.id), event)));
    }
}
