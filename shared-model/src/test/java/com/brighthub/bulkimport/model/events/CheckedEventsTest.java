package com.brighthub.bulkimport.model.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.client.Client;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What makes each event a poison message, as every consumer of it sees it. */
class CheckedEventsTest {

    static final Client CLIENT = new Client("BM-1", "REF", "Acme", "PARTNERSHIP", null, null, null, List.of(), List.of());
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    static ValidationResult verdict(Origin origin, String importId, String clientId, Verdict verdict, Client client) {
        return new ValidationResult(UUID.randomUUID(), "ACC", importId, clientId, origin, NOW, verdict, List.of(), client,
                "REF", "Acme", NOW);
    }

    static ClientRecordEvent record(Origin origin, String importId, String clientId, Client client, String unreadable) {
        return new ClientRecordEvent(UUID.randomUUID(), "ACC", importId, clientId, origin, NOW, client, unreadable);
    }

    @Test
    void anImportsClientEventNamesItsImportASavesNeedNot() {
        assertThat(verdict(Origin.IMPORT, "IMP-1", "BM-1", Verdict.PASS, CLIENT).problem()).isNull();
        assertThat(verdict(Origin.SAVE, null, "BM-1", Verdict.PASS, CLIENT).problem()).isNull();
        assertThat(verdict(Origin.IMPORT, " ", "BM-1", Verdict.FAIL, null).problem()).isEqualTo("missing importId");
        assertThat(verdict(null, "IMP-1", "BM-1", Verdict.FAIL, null).problem()).isEqualTo("missing origin");
        assertThat(verdict(Origin.SAVE, null, null, Verdict.FAIL, null).problem()).isEqualTo("missing clientId");
        assertThat(new SyncResult(UUID.randomUUID(), "ACC", null, "BM-1", Origin.IMPORT, NOW, SyncOutcome.IMPORTED, "BC-1",
                List.of(), "REF", "Acme").problem()).isEqualTo("missing importId");
        assertThat(new SyncResult(UUID.randomUUID(), "ACC", null, "BM-1", Origin.SAVE, NOW, null, null,
                List.of(), "REF", "Acme").problem()).isEqualTo("missing outcome");
    }

    @Test
    void aPassCarriesItsOwnClientOtherVerdictsNeedNot() {
        assertThat(verdict(Origin.IMPORT, "IMP-1", "BM-1", Verdict.PASS, null).problem())
                .isEqualTo("a PASS verdict must carry its client");
        assertThat(verdict(Origin.IMPORT, "IMP-1", "BM-2", Verdict.PASS, CLIENT).problem())
                .isEqualTo("a PASS verdict must carry its client");
        assertThat(verdict(Origin.IMPORT, "IMP-1", "BM-1", Verdict.EXCLUDED, null).problem()).isNull();
        assertThat(verdict(Origin.IMPORT, "IMP-1", "BM-1", null, CLIENT).problem()).isEqualTo("missing verdict");
    }

    @Test
    void anImportsUnreadableRecordIsAccountedForASavesIsPoison() {
        ClientRecordEvent importUnreadable = record(Origin.IMPORT, "IMP-1", "BM-1", null, "too large");
        assertThat(importUnreadable.problem()).as("it gets a RECORD_UNREADABLE verdict").isNull();
        assertThat(importUnreadable.whyUnreadable()).isEqualTo("too large");

        assertThat(record(Origin.SAVE, null, "BM-1", null, null).problem()).isEqualTo("The record came without its client file");
        assertThat(record(Origin.SAVE, null, "BM-2", CLIENT, null).problem())
                .isEqualTo("The record's client id does not match its client file's id");
        assertThat(record(Origin.SAVE, null, "BM-1", CLIENT, null).problem()).isNull();
        assertThat(record(Origin.IMPORT, null, "BM-1", CLIENT, null).problem()).isEqualTo("missing importId");
    }

    @Test
    void theOtherEventsNameWhatTheirConsumersNeed() {
        assertThat(new ImportEvent(UUID.randomUUID(), "ACC", "IMP-1", null, NOW, "u", NOW, 0, 0, 0, null).problem())
                .isEqualTo("missing type");
        assertThat(new ImportProgress(UUID.randomUUID(), "ACC", "", NOW, 0, 0, 0, 0, 0, null, false).problem())
                .isEqualTo("missing importId");
        assertThat(new ClientLink("ACC", "BM-1", null, NOW, null).problem()).isEqualTo("missing brightClientId");
        assertThat(new ClientSaved(UUID.randomUUID(), "ACC", NOW, null).problem()).isEqualTo("missing client");
        assertThat(new ClientSaved(UUID.randomUUID(), "", NOW, CLIENT).problem()).isEqualTo("missing accountId");
        assertThat(new AuditEvent(UUID.randomUUID(), "ACC", "u", "Admin", "START", null, null, null, NOW).problem())
                .isEqualTo("missing outcome");
    }

    @Test
    void theCheckIsNotPartOfTheWireFormat() {
        String json = Json.write(verdict(Origin.IMPORT, null, "BM-1", Verdict.PASS, null));
        assertThat(json).doesNotContain("problem").doesNotContain("whyUnreadable");
        assertThat(Json.write(record(Origin.SAVE, null, "BM-1", null, null))).doesNotContain("problem")
                .doesNotContain("whyUnreadable");
    }
}
