package com.brighthub.bulkimport.validator;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.common.messaging.DeadLetters;
import com.brighthub.bulkimport.common.messaging.testing.PolledBatch;
import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.Topics;
import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.client.Contact;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.validator.messaging.RecordValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordValidatorTest {

    @Inject
    RecordValidator validator;

    @Inject
    @Any
    InMemoryConnector connector;

    InMemorySink<String> results;
    InMemorySink<String> deadLetters;
    InMemorySink<String> saveVerdicts;

    @BeforeEach
    void clear() {
        results = connector.sink("validation-results");
        deadLetters = connector.sink("dead-letters");
        results.clear();
        saveVerdicts = connector.sink("save-verdicts");
        saveVerdicts.clear();
        deadLetters.clear();
    }

    static String record(String clientId, Client client) {
        return Json.write(new ClientRecordEvent(UUID.randomUUID(), "ACC", "IMP-1", clientId, Origin.IMPORT,
                Instant.now(), client, null));
    }

    static Client client(String id, String type, List<Address> addresses) {
        return new Client(id, "R" + id, "Name " + id, type, null, null, null, addresses, List.of());
    }

    ValidationResult result(Message<String> m) {
        return Json.read(m.getPayload(), ValidationResult.class);
    }

    @Test
    void eachRecordGetsItsVerdictKeyedByClient() {
        Address noLine1 = new Address("TRADING", "", null, null, "Leeds", null, "LS1 1AA", "GB");
        validator.validate(PolledBatch.of(Topics.CLIENT_RECORDS,
                "ACC:BM-1", record("BM-1", client("BM-1", "PARTNERSHIP", List.of())),
                "ACC:BM-2", record("BM-2", client("BM-2", "CHARITY", List.of(noLine1))),
                "ACC:BM-3", record("BM-3", client("BM-3", "SELF_ASSESSMENT", List.of(noLine1)))));

        assertThat(results.received()).hasSize(3);
        List<ValidationResult> verdicts = results.received().stream().map(this::result).toList();
        assertThat(verdicts).extracting(ValidationResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.EXCLUDED);
        assertThat(verdicts.get(0).client()).as("a pass carries the client on")
                .isEqualTo(client("BM-1", "PARTNERSHIP", List.of()));
        assertThat(verdicts.get(1).reasons()).extracting(r -> r.code()).containsExactly(ReasonCode.ADDRESS_LINE_1_MISSING);
        assertThat(verdicts.get(1).clientName()).isEqualTo("Name BM-2");
        assertThat(verdicts.get(2).reasons()).extracting(r -> r.code()).containsExactly(ReasonCode.SELF_ASSESSMENT);
        assertThat(verdicts).extracting(ValidationResult::importId).containsOnly("IMP-1");
        assertThat(results.received().get(1).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .isEqualTo("ACC:BM-2");
        assertThat(results.received()).extracting(m -> new String(m.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow().getHeaders().lastHeader(ValidationResult.VERDICT_HEADER).value(), StandardCharsets.UTF_8))
                .as("the verdict in a header, for consumers that skip some unread")
                .containsExactly("PASS", "FAIL", "EXCLUDED");
    }

    @Test
    void aSaveThatTurnsAClientSelfAssessmentIsExcludedAndNeverSentOnToBrightClient() {
        Instant savedAt = Instant.parse("2026-11-30T10:00:00Z");
        String save = Json.write(new ClientRecordEvent(UUID.randomUUID(), "ACC", null, "BM-4", Origin.SAVE, savedAt,
                client("BM-4", "SELF_ASSESSMENT", List.of()), null));

        validator.validateSaves(PolledBatch.of(Topics.SAVE_RECORDS, "ACC:BM-4", save));

        assertThat(results.received()).as("a save's verdict stays on the save lane").isEmpty();
        ValidationResult r = result(saveVerdicts.received().get(0));
        assertThat(r.verdict()).isEqualTo(Verdict.EXCLUDED);
        assertThat(r.origin()).isEqualTo(Origin.SAVE);
        assertThat(r.importId()).isNull();
        assertThat(r.reasons()).extracting(x -> x.code()).containsExactly(ReasonCode.SELF_ASSESSMENT);
        assertThat(r.recordedAt()).isEqualTo(savedAt);
        assertThat(new String(saveVerdicts.received().get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow()
                .getHeaders().lastHeader(ValidationResult.VERDICT_HEADER).value(), StandardCharsets.UTF_8))
                .as("sync-worker skips it unread: the type of a synced client never changes").isEqualTo("EXCLUDED");
    }

    @Test
    void clientTextOfAnyLengthAndCharacterIsValidatedAndBoundedForTheReport() {
        String name = "=cmd|' /C calc'!A0 \u202E" + "ü🚀\n".repeat(5_000);
        Client hostile = new Client("BM-5", "R\t" + "r".repeat(5_000), name, "TRUST", null, null, null, List.of(),
                List.of(new com.brighthub.bulkimport.model.client.Contact("MAIN", "P", name, name, null, null, null)));

        validator.validate(PolledBatch.of(Topics.CLIENT_RECORDS, "ACC:BM-5", record("BM-5", hostile)));

        ValidationResult r = result(results.received().get(0));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.clientName()).hasSizeLessThanOrEqualTo(200).doesNotContain("\n");
        assertThat(r.clientReference()).hasSizeLessThanOrEqualTo(200);
        assertThat(r.reasons().get(0).detail()).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithAReasonAndTheRestIsValidated() {
        String unknownOrigin = record("BM-9", client("BM-9", "TRUST", List.of())).replace("\"IMPORT\"", "\"FAX\"");
        String mismatched = record("BM-8", client("BM-7", "TRUST", List.of()));
        validator.validate(PolledBatch.of(Topics.CLIENT_RECORDS,
                "k1", "not json at all",
                "k2", "{\"accountId\": \"ACC\"}",
                "k3", unknownOrigin,
                "k4", mismatched,
                "k5", null,
                "k6", record("BM-6", client("BM-6", "TRUST", List.of())).replace("Name BM-6", "x".repeat(1_100_000)),
                "ACC:BM-1", record("BM-1", client("BM-1", "TRUST", List.of()))));

        // unattributable or oversized records are dead-lettered; an import's record naming its client gets a verdict
        assertThat(deadLetters.received()).hasSize(5);
        var headers = deadLetters.received().get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow()
                .getHeaders();
        assertThat(new String(headers.lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8)).isNotBlank();
        assertThat(new String(headers.lastHeader(DeadLetters.TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.CLIENT_RECORDS);
        assertThat(results.received()).hasSize(2);
        ValidationResult mismatch = Json.read((String) results.received().get(0).getPayload(), ValidationResult.class);
        assertThat(mismatch.clientId()).isEqualTo("BM-8");
        assertThat(mismatch.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(mismatch.reasons()).extracting(Reason::code).containsExactly(ReasonCode.RECORD_UNREADABLE);
    }

    @Test
    void aLargeClientFileIsValidatedAndOneTheImportCouldNotCarryIsAnUnreadableFailure() {
        List<Contact> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            contacts.add(new Contact("OTHER", "P-" + i, "First" + i, "Last" + i, "person" + i + "@example.test",
                    "+44 113 496 0000", "SHAREHOLDER"));
        }
        Client large = new Client("BM-20", "R20", "Large Ltd", "TRUST", null, null, null, List.of(), contacts);
        String largeRecord = record("BM-20", large);
        assertThat(largeRecord.length()).as("a client file of some 300 KiB").isGreaterThan(300 * 1024);
        String unreadable = Json.write(ClientRecordEvent.unreadable("ACC", "IMP-1", "BM-21",
                "The client file is 1.2 MiB; the import carries client files up to 900 KiB"));

        validator.validate(PolledBatch.of(Topics.CLIENT_RECORDS, "ACC:BM-20", largeRecord, "ACC:BM-21", unreadable));

        assertThat(deadLetters.received()).isEmpty();
        List<ValidationResult> verdicts = results.received().stream()
                .map(m -> Json.read((String) m.getPayload(), ValidationResult.class)).toList();
        assertThat(verdicts).extracting(ValidationResult::clientId, ValidationResult::verdict)
                .containsExactly(org.assertj.core.api.Assertions.tuple("BM-20", Verdict.PASS),
                        org.assertj.core.api.Assertions.tuple("BM-21", Verdict.FAIL));
        assertThat(verdicts.get(1).reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.RECORD_UNREADABLE);
            assertThat(r.detail()).contains("1.2 MiB");
        });
    }
}
