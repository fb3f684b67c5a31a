package com.brighthub.bulkimport.importapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import com.brighthub.bulkimport.common.messaging.testing.PolledBatch;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.importapi.messaging.ChangeListener;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.events.ClientSaved;
import com.brighthub.bulkimport.model.events.Origin;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangeListenerTest {

    @InjectMock
    BrightManagerPort brightManager;

    @Inject
    ChangeListener listener;

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void setUp() {
        connector.sink("save-records").clear();
        connector.sink("client-records").clear();
        connector.sink("dead-letters").clear();
        when(brightManager.account("ON")).thenReturn(Optional.of(new BrightManagerPort.Account("ON", "On", true)));
        when(brightManager.account("OFF")).thenReturn(Optional.of(new BrightManagerPort.Account("OFF", "Off", false)));
        when(brightManager.account("GONE")).thenReturn(Optional.empty());
    }

    static String saved(String account, String clientId, Instant savedAt) {
        Client client = new Client(clientId, "R", "Acme", "TRUST", null, null, null, List.of(), List.of());
        return Json.write(new ClientSaved(UUID.randomUUID(), account, savedAt, client));
    }

    @Test
    void aSaveOnAnEnabledAccountBecomesAClientRecordOnTheSaveLaneKeptInSaveOrder() {
        Instant first = Instant.parse("2026-11-25T10:00:00Z");
        Instant second = first.plusSeconds(5);

        listener.onSaves(PolledBatch.of(Topics.CLIENT_SAVED, "ON:BM-1", saved("ON", "BM-1", first),
                "ON:BM-1", saved("ON", "BM-1", second)));

        List<ClientRecordEvent> records = connector.sink("save-records").received().stream()
                .map(m -> Json.read((String) m.getPayload(), ClientRecordEvent.class)).toList();
        assertThat(records).extracting(ClientRecordEvent::origin).containsOnly(Origin.SAVE);
        assertThat(records).extracting(ClientRecordEvent::occurredAt).containsExactly(first, second);
        assertThat(records).extracting(ClientRecordEvent::importId).containsOnlyNulls();
        assertThat(connector.sink("save-records").received().get(0).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow().getKey()).isEqualTo("ON:BM-1");
        assertThat(connector.sink("client-records").received()).as("nothing on the imports' lane").isEmpty();
    }

    @Test
    void savesOnAccountsWithoutBrightClientSyncNothing() {
        listener.onSaves(PolledBatch.of(Topics.CLIENT_SAVED, "OFF:BM-1", saved("OFF", "BM-1", Instant.now()),
                "GONE:BM-2", saved("GONE", "BM-2", Instant.now())));

        assertThat(connector.sink("save-records").received()).isEmpty();
    }

    @Test
    void aMalformedSaveIsDeadLettered() {
        listener.onSaves(PolledBatch.of(Topics.CLIENT_SAVED, "k", "{\"accountId\": \"ON\"}", "k", "nope",
                "ON:BM-3", saved("ON", "BM-3", Instant.now())));

        assertThat(connector.sink("dead-letters").received()).hasSize(2);
        assertThat(connector.sink("save-records").received()).hasSize(1);
    }
}
