package com.brighthub.bulkimport.importapi.messaging;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.EventBatch;
import com.brighthub.bulkimport.common.messaging.Persistently;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.events.ClientSaved;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns BrightManager client-saved events into client records, so a corrected client syncs to
 * BrightClient without a re-run. Only saves made while BrightClient was enabled on the account sync (a
 * save from before it was enabled never does, however late it is read); the record keeps the save's key
 * and time, so one client's saves are applied in save order.
 */
@ApplicationScoped
public class ChangeListener {

    @Inject
    BrightManagerPort brightManager;

    @Inject
    PipelineEvents events;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry registry;

    @Incoming("client-saved")
    @Blocking
    public void onSaves(ConsumerRecords<String, String> records) {
        Map<String, Optional<BrightManagerPort.Account>> accounts = new HashMap<>();
        List<ClientRecordEvent> toSync = new ArrayList<>();
        for (var decoded : EventBatch.decode(records, ClientSaved.class, deadLetters)) {
            ClientSaved saved = decoded.event();
            // asked once per account and batch: a save syncs only if BrightClient is enabled and was enabled
            // when the client was saved (a backlog of older saves read after enabling syncs nothing)
            boolean on = accounts.computeIfAbsent(saved.accountId(), a -> Persistently.call("reading account " + a,
                    () -> brightManager.account(a))).map(acc -> acc.syncsSaveOf(saved.savedAt())).orElse(false);
            if (on) {
                toSync.add(ClientRecordEvent.fromSave(saved.accountId(), saved.client(), saved.savedAt()));
            } else {
                Log.debugf("save of client %s ignored: BrightClient is not enabled on account %s",
                        saved.client().id(), saved.accountId());
                registry.counter("bulkimport.saves.ignored").increment();
            }
        }
        Persistently.run("sending saved clients", () -> events.saves(toSync));
        registry.counter("bulkimport.saves.synced").increment(toSync.size());
    }

}
