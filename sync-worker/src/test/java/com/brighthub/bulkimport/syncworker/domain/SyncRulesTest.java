package com.brighthub.bulkimport.syncworker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.model.events.Verdict;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort.Answer;
import com.brighthub.bulkimport.syncworker.domain.SyncRules.Create;
import com.brighthub.bulkimport.syncworker.domain.SyncRules.Decided;
import com.brighthub.bulkimport.syncworker.domain.SyncRules.Update;
import com.brighthub.bulkimport.syncworker.persistence.ClientState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SyncRulesTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final Predicate<String> NONE_CANCELLED = id -> false;

    static ValidationResult pass(Origin origin, String importId, String type, Instant recordedAt) {
        Client client = new Client("C1", "REF-1", "Ada Ltd", type, "01234567", null, null, List.of(), List.of());
        return new ValidationResult(UUID.randomUUID(), "A", importId, "C1", origin, T0, Verdict.PASS, List.of(), client,
                "REF-1", "Ada Ltd", recordedAt);
    }

    // instance fields: made by the code under test for every test, not once for the class
    final ClientState UNSEEN = ClientState.unseen("A", "C1");
    final ClientState LINKED = UNSEEN.linkedTo("BC-9", "LIMITED_COMPANY", "I-1");

    @Test
    void anUnlinkedClientIsCreatedWithTheKeyOfItsStateAndItsOwnFields() {
        SyncRules.Step step = SyncRules.next(pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0), UNSEEN, NONE_CANCELLED);

        assertThat(step).isInstanceOfSatisfying(Create.class, c -> {
            assertThat(c.idempotencyKey()).isEqualTo("A:C1:0");
            assertThat(c.record().name()).isEqualTo("Ada Ltd");
        });
        assertThat(SyncRules.next(pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0), UNSEEN.rejected(), NONE_CANCELLED))
                .isInstanceOfSatisfying(Create.class, c -> assertThat(c.idempotencyKey())
                        .as("a rejected create created nothing: the next one has a fresh key").isEqualTo("A:C1:1"));
    }

    @Test
    void anAcceptedCreateLinksTheClientToThisImportAndARejectedOneCountsTheRejection() {
        ValidationResult r = pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0);

        SyncDecision imported = SyncRules.created(r, UNSEEN, Answer.accepted("BC-1"));
        assertThat(imported.outcome()).isEqualTo(SyncOutcome.IMPORTED);
        assertThat(imported.brightClientId()).isEqualTo("BC-1");
        assertThat(imported.state()).isEqualTo(new ClientState("A", "C1", "BC-1", "LIMITED_COMPANY", "I-1", 0, null));

        SyncDecision rejected = SyncRules.created(r, UNSEEN, Answer.rejected(422, "postcode not recognised"));
        assertThat(rejected.outcome()).isEqualTo(SyncOutcome.REJECTED);
        assertThat(rejected.brightClientId()).isNull();
        assertThat(rejected.reason().code()).isEqualTo(ReasonCode.BRIGHTCLIENT_REJECTED);
        assertThat(rejected.reason().detail()).isEqualTo("postcode not recognised");
        assertThat(rejected.state().rejectedAttempts()).isEqualTo(1);
        assertThat(rejected.state().linked()).isFalse();
    }

    @Test
    void anImportLeavesALinkedClientAloneUnlessThisImportLinkedItBeforeACrash() {
        Decided other = (Decided) SyncRules.next(pass(Origin.IMPORT, "I-2", "LIMITED_COMPANY", T0), LINKED, NONE_CANCELLED);
        assertThat(other.decision().outcome()).isEqualTo(SyncOutcome.ALREADY_LINKED);
        assertThat(other.decision().brightClientId()).isEqualTo("BC-9");
        assertThat(other.decision().state()).isSameAs(LINKED);

        Decided same = (Decided) SyncRules.next(pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0), LINKED, NONE_CANCELLED);
        assertThat(same.decision().outcome()).isEqualTo(SyncOutcome.IMPORTED);

        ClientState linkedBySave = UNSEEN.linkedTo("BC-9", "LIMITED_COMPANY", null);
        Decided noImport = (Decided) SyncRules.next(pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0), linkedBySave,
                NONE_CANCELLED);
        assertThat(noImport.decision().outcome()).isEqualTo(SyncOutcome.ALREADY_LINKED);
        Decided noImportId = (Decided) SyncRules.next(pass(Origin.IMPORT, null, "LIMITED_COMPANY", T0), linkedBySave,
                NONE_CANCELLED);
        assertThat(noImportId.decision().outcome()).isEqualTo(SyncOutcome.ALREADY_LINKED);
    }

    @Test
    void aCancelledImportSendsNoCreateButASaveOfThatClientStillDoes() {
        Predicate<String> cancelled = "I-1"::equals;

        Decided skipped = (Decided) SyncRules.next(pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0), UNSEEN, cancelled);
        assertThat(skipped.decision().outcome()).isEqualTo(SyncOutcome.SKIPPED);
        assertThat(skipped.decision().state()).isSameAs(UNSEEN);

        assertThat(SyncRules.next(pass(Origin.IMPORT, "I-2", "LIMITED_COMPANY", T0), UNSEEN, cancelled))
                .isInstanceOf(Create.class);
        assertThat(SyncRules.next(pass(Origin.SAVE, null, "LIMITED_COMPANY", T0), UNSEEN, id -> true))
                .isInstanceOf(Create.class);
    }

    @Test
    void aSaveUpdatesALinkedClientAndRemembersWhenItWasMade() {
        ValidationResult save = pass(Origin.SAVE, null, "LIMITED_COMPANY", T0);

        assertThat(SyncRules.next(save, LINKED, NONE_CANCELLED)).isInstanceOfSatisfying(Update.class,
                u -> assertThat(u.brightClientId()).isEqualTo("BC-9"));

        SyncDecision updated = SyncRules.updated(save, LINKED, Answer.accepted("BC-9"));
        assertThat(updated.outcome()).isEqualTo(SyncOutcome.UPDATED);
        assertThat(updated.state().lastSaveAt()).isEqualTo(T0);

        SyncDecision refused = SyncRules.updated(save, LINKED, Answer.rejected(422, "email invalid"));
        assertThat(refused.outcome()).isEqualTo(SyncOutcome.REJECTED);
        assertThat(refused.brightClientId()).isEqualTo("BC-9");
        assertThat(refused.reason().detail()).isEqualTo("email invalid");
        assertThat(refused.state().lastSaveAt()).as("a refused save is still the latest one seen").isEqualTo(T0);
        assertThat(refused.state().linked()).isTrue();
    }

    @Test
    void aSaveOfAnUnlinkedClientCreatesItAndStampsTheSave() {
        ValidationResult save = pass(Origin.SAVE, null, "SOLE_TRADER", T0);

        assertThat(SyncRules.next(save, UNSEEN, NONE_CANCELLED)).isInstanceOf(Create.class);
        SyncDecision created = SyncRules.created(save, UNSEEN, Answer.accepted("BC-2"));
        assertThat(created.state().lastSaveAt()).isEqualTo(T0);
        assertThat(created.state().linkedByImport()).isNull();
        assertThat(created.state().clientType()).isEqualTo("SOLE_TRADER");
    }

    @Test
    void aSaveOlderThanOneAppliedIsStaleAndSendsNothingWhileOneOfTheSameInstantIsApplied() {
        ClientState saved = LINKED.savedAt(T0);

        Decided stale = (Decided) SyncRules.next(pass(Origin.SAVE, null, "LIMITED_COMPANY", T0.minusMillis(1)), saved,
                NONE_CANCELLED);
        assertThat(stale.decision().outcome()).isEqualTo(SyncOutcome.STALE);
        assertThat(stale.decision().state().lastSaveAt()).isEqualTo(T0);

        assertThat(SyncRules.next(pass(Origin.SAVE, null, "LIMITED_COMPANY", T0), saved, NONE_CANCELLED))
                .isInstanceOf(Update.class);
        assertThat(SyncRules.next(pass(Origin.IMPORT, "I-3", "LIMITED_COMPANY", T0.minusSeconds(60)), saved,
                NONE_CANCELLED)).as("imports are not ordered by save time").isInstanceOf(Decided.class)
                .extracting(s -> ((Decided) s).decision().outcome()).isEqualTo(SyncOutcome.ALREADY_LINKED);
    }

    @Test
    void aSaveThatTurnsALinkedClientSelfAssessmentIsRefusedWithTheTypeItHasAndLeavesTheLinkAsItIs() {
        ValidationResult save = pass(Origin.SAVE, null, "SELF_ASSESSMENT", T0);

        Decided refused = (Decided) SyncRules.next(save, LINKED, NONE_CANCELLED);

        assertThat(refused.decision().outcome()).isEqualTo(SyncOutcome.REJECTED);
        assertThat(refused.decision().reason().code()).isEqualTo(ReasonCode.BRIGHTCLIENT_REJECTED);
        assertThat(refused.decision().reason().detail()).contains("LIMITED_COMPANY").contains("cannot change");
        assertThat(refused.decision().state().clientType()).isEqualTo("LIMITED_COMPANY");
        assertThat(refused.decision().state().brightClientId()).isEqualTo("BC-9");
        assertThat(refused.decision().state().lastSaveAt()).isEqualTo(T0);

        ClientState typeUnknown = UNSEEN.linkedTo("BC-9", null, "I-1");
        assertThat(SyncRules.next(save, typeUnknown, NONE_CANCELLED)).as("no type on record: nothing to protect")
                .isInstanceOf(Update.class);
        SyncDecision updated = SyncRules.updated(save, typeUnknown, Answer.accepted("BC-9"));
        assertThat(updated.state().clientType()).isEqualTo("SELF_ASSESSMENT");
    }

    @Test
    void aRecordGivenUpIsABrightClientUnavailableFailureThatKeepsItsState() {
        ClientState once = UNSEEN.rejected();

        SyncDecision given = SyncRules.givenUp(pass(Origin.IMPORT, "I-1", "LIMITED_COMPANY", T0), once, 8,
                Duration.ofSeconds(130), "HTTP 503");

        assertThat(given.outcome()).isEqualTo(SyncOutcome.REJECTED);
        assertThat(given.reason().code()).isEqualTo(ReasonCode.BRIGHTCLIENT_UNAVAILABLE);
        assertThat(given.reason().detail()).contains("8 attempts over 130 s").contains("HTTP 503");
        assertThat(given.state()).as("same key next time: the create may have happened").isSameAs(once);
    }

    @Test
    void anUnseenClientHasNoLinkNoTypeNoSaveAndTheFirstKey() {
        assertThat(UNSEEN).isEqualTo(new ClientState("A", "C1", null, null, null, 0, null));
        assertThat(UNSEEN.linked()).isFalse();
        assertThat(LINKED.linked()).isTrue();
    }

    @Test
    void theLatestSaveIsKeptWhicheverOrderSavesAreAppliedIn() {
        Instant later = T0.plusSeconds(5);

        assertThat(UNSEEN.savedAt(T0).lastSaveAt()).isEqualTo(T0);
        assertThat(UNSEEN.savedAt(T0).savedAt(later).lastSaveAt()).isEqualTo(later);
        assertThat(UNSEEN.savedAt(later).savedAt(T0).lastSaveAt()).isEqualTo(later);
        assertThat(UNSEEN.savedAt(later).savedAt(null).lastSaveAt()).as("a save without a time moves nothing")
                .isEqualTo(later);
        assertThat(UNSEEN.savedAt(null).lastSaveAt()).isNull();
    }

    @Test
    void aSaveWithoutATimeIsNeverStaleAndNothingIsStaleBeforeTheFirstSave() {
        assertThat(UNSEEN.savedAt(T0).isStale(null)).isFalse();
        assertThat(UNSEEN.isStale(T0)).isFalse();
        assertThat(UNSEEN.savedAt(T0).isStale(T0)).isFalse();
        assertThat(UNSEEN.savedAt(T0).isStale(T0.minusNanos(1))).isTrue();
        assertThat(SyncRules.next(pass(Origin.SAVE, null, "LIMITED_COMPANY", null), LINKED.savedAt(T0), NONE_CANCELLED))
                .isInstanceOf(Update.class);
    }
}
