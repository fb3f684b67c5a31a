package com.brighthub.bulkimport.syncworker.domain;

import com.brighthub.bulkimport.model.events.Origin;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.SyncOutcome;
import com.brighthub.bulkimport.model.events.ValidationResult;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientPort.Answer;
import com.brighthub.bulkimport.syncworker.brightclient.BrightClientRecord;
import com.brighthub.bulkimport.syncworker.persistence.ClientState;
import java.util.function.Predicate;

/**
 * The sync decisions without I/O: what one validated record needs given the client's state – an outcome
 * at once, or a create or an update in BrightClient – and what BrightClient's answer makes of it.
 * {@link ClientSynchroniser} runs these steps; everything it decides is decided here.
 */
public final class SyncRules {

    private SyncRules() {
    }

    /** What a record needs next. */
    public sealed interface Step permits Decided, Create, Update {
    }

    /** Nothing to send: the outcome is known. */
    public record Decided(SyncDecision decision) implements Step {
    }

    /** Create the client in BrightClient with this idempotency key (the same on every retry). */
    public record Create(String idempotencyKey, BrightClientRecord record) implements Step {
    }

    /** Update the linked BrightClient record. */
    public record Update(String brightClientId, BrightClientRecord record) implements Step {
    }

    /**
     * Decides what a record needs: a save older than one already applied is stale; a linked client is
     * left alone by an import ({@code ALREADY_LINKED}, or {@code IMPORTED} again when this import linked it
     * before a crash) and updated by a save unless its type changed; an unlinked client of a cancelled
     * import is skipped; any other unlinked client is created.
     */
    public static Step next(ValidationResult r, ClientState state, Predicate<String> importCancelled) {
        if (r.origin() == Origin.SAVE && state.isStale(r.recordedAt())) {
            return new Decided(new SyncDecision(r, SyncOutcome.STALE, state.brightClientId(), null, state));
        }
        BrightClientRecord record = BrightClientRecord.from(r.client());
        if (state.linked()) {
            if (r.origin() == Origin.IMPORT) {
                SyncOutcome outcome = r.importId() != null && r.importId().equals(state.linkedByImport())
                        ? SyncOutcome.IMPORTED : SyncOutcome.ALREADY_LINKED;
                return new Decided(new SyncDecision(r, outcome, state.brightClientId(), null, state));
            }
            String type = r.client().type();
            if (state.clientType() != null && !state.clientType().equals(type)) {
                return new Decided(settled(r, new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                        new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, "The client type cannot change once synced (it is "
                                + state.clientType() + " in BrightClient); the change was not applied"), state)));
            }
            return new Update(state.brightClientId(), record);
        }
        if (r.origin() == Origin.IMPORT && importCancelled.test(r.importId())) {
            return new Decided(new SyncDecision(r, SyncOutcome.SKIPPED, null, null, state));
        }
        return new Create(state.idempotencyKey(), record);
    }

    /** BrightClient answered a create: linked, or rejected (which created nothing, so the next key is fresh). */
    public static SyncDecision created(ValidationResult r, ClientState state, Answer answer) {
        return settled(r, answer.accepted()
                ? new SyncDecision(r, SyncOutcome.IMPORTED, answer.id(), null,
                        state.linkedTo(answer.id(), r.client().type(), r.importId()))
                : new SyncDecision(r, SyncOutcome.REJECTED, null,
                        new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, answer.message()), state.rejected()));
    }

    /** BrightClient answered an update: applied (the client now has the saved type), or refused. */
    public static SyncDecision updated(ValidationResult r, ClientState state, Answer answer) {
        return settled(r, answer.accepted()
                ? new SyncDecision(r, SyncOutcome.UPDATED, state.brightClientId(), null,
                        state.withType(r.client().type()))
                : new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                        new Reason(ReasonCode.BRIGHTCLIENT_REJECTED, answer.message()), state));
    }

    /**
     * A record BrightClient kept failing while it served the practice's other records: a
     * {@code BRIGHTCLIENT_UNAVAILABLE} failure, the state kept (the next try uses the same idempotency key,
     * as a failed create may have happened).
     */
    public static SyncDecision givenUp(ValidationResult r, ClientState state, int attempts, java.time.Duration failingFor,
            String lastProblem) {
        return new SyncDecision(r, SyncOutcome.REJECTED, state.brightClientId(),
                new Reason(ReasonCode.BRIGHTCLIENT_UNAVAILABLE, "BrightClient kept failing for this record (" + attempts
                        + " attempts over " + failingFor.toSeconds() + " s, last: " + lastProblem
                        + ") while it took the practice's other records"), state);
    }

    /** A save's decision remembers when the save was made, so older saves delivered later are stale. */
    /** The record waits in the deferred lane while BrightClient throttles its practice: no outcome yet. */
    public static SyncDecision deferred(ValidationResult r, ClientState state) {
        return new SyncDecision(r, null, null, null, state);
    }

    private static SyncDecision settled(ValidationResult r, SyncDecision d) {
        return r.origin() == Origin.SAVE
                ? new SyncDecision(d.input(), d.outcome(), d.brightClientId(), d.reason(), d.state().savedAt(r.recordedAt()))
                : d;
    }
}
