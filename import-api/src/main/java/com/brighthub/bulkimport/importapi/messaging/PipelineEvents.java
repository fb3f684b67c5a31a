package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.KeyedMessages;
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
public class PipelineEvents {

    @Inject
    @Channel("client-records")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<String> clientRecords;

    @Inject
    @Channel("import-events")
    Emitter<String> importEvents;

    /** One client-record event per client, keyed by account and client. */
    public void clientRecords(String accountId, String importId, List<Client> clients) {
        List<ClientRecordEvent> records = new ArrayList<>(clients.size());
        for (Client client : clients) {
            records.add(ClientRecordEvent.fromImport(accountId, importId, client));
        }
        clientRecords(records);
    }

    /** Client-record events as they are (BrightManager saves), each keyed by account and client. */
    public void clientRecords(List<ClientRecordEvent> records) {
        KeyedMessages.sendAll(clientRecords, records.stream()
                .map(e -> KeyedMessages.keyed(Topics.clientKey(e.accountId(), e.clientId()), e)).toList());
    }

    public void started(ImportRun run) {
        send(run, ImportEvent.Type.STARTED);
    }

    /** Running counts after a committed page, so the report's figures grow during enumeration. */
    public void enumerating(ImportRun run) {
        send(run, ImportEvent.Type.ENUMERATING);
    }

    public void enumerated(ImportRun run) {
        send(run, ImportEvent.Type.ENUMERATED);
    }

    private void send(ImportRun run, ImportEvent.Type type) {
        ImportEvent event = new ImportEvent(UUID.randomUUID(), run.accountId, run.id, type, Instant.now(),
                run.startedBy, run.startedAt, run.total, run.alreadyLinked, run.emitted);
        KeyedMessages.sendAll(importEvents, List.of(KeyedMessages.keyed(Topics.importKey(run.accountId, run.id), event)));
    }
}
