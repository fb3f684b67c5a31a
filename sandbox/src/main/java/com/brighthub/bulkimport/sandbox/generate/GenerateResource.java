package com.brighthub.bulkimport.sandbox.generate;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.sandbox.brightmanager.BrightManagerStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads generated client files into a BrightManager account – as pre-existing data (no client-saved
 * events), or with {@code saved=true} as a practice loads them, each file saved and its client-saved event
 * published – and tells what the generator injected so tests can check a report exactly.
 */
@Path("/brightmanager/accounts/{accountId}/generate")
public class GenerateResource {

    static final int MAX_COUNT = 2_000_000;
    static final int CHUNK = 2_000;

    /** What an import of the generated clients must report, from the generator's own record. */
    public record Expected(long generatedClients, long excluded, long failedClients, long validClients,
            Map<ReasonCode, Long> rowsByReason) {
    }

    /** The answer to a generate call. */
    public record GenerateResult(String accountId, int generated, String firstClientId, String lastClientId,
            Expected expected) {
    }

    @Inject
    BrightManagerStore store;

    @Inject
    com.brighthub.bulkimport.sandbox.brightmanager.ClientSavedPublisher publisher;

    @POST
    public Response generate(@PathParam("accountId") String accountId, @QueryParam("count") @DefaultValue("100") int count,
            @QueryParam("seed") @DefaultValue("42") long seed,
            @QueryParam("defectScale") @DefaultValue("1.0") double defectScale,
            @QueryParam("saved") @DefaultValue("false") boolean saved) {
        if (count < 1 || count > MAX_COUNT) {
            return ApiError.INVALID_COUNT.response("count must be between 1 and " + MAX_COUNT);
        }
        if (defectScale < 0 || defectScale > 20) {
            return ApiError.INVALID_DEFECT_SCALE.response("defectScale must be between 0 and 20");
        }
        store.account(accountId).orElseThrow(() -> ApiError.NOT_FOUND.exception("Account " + accountId + " was not found"));
        long first = store.count(accountId) + 1;
        PracticeGenerator generator = new PracticeGenerator(seed ^ accountId.hashCode(), defectScale);
        List<BrightManagerStore.Row> chunk = new ArrayList<>(CHUNK);
        for (long n = first; n < first + count; n++) {
            String id = clientId(n);
            PracticeGenerator.Generated g = generator.next(id);
            chunk.add(new BrightManagerStore.Row(id, Json.write(g.client()),
                    g.expected().stream().map(Enum::name).collect(Collectors.joining(","))));
            if (chunk.size() == CHUNK) {
                insert(accountId, chunk, saved);
                chunk.clear();
            }
        }
        insert(accountId, chunk, saved);
        return Response.ok(new GenerateResult(accountId, count, clientId(first), clientId(first + count - 1),
                expected(accountId))).build();
    }

    /** Stores a chunk of files; when {@code saved}, publishes a client-saved event for each once stored. */
    private void insert(String accountId, List<BrightManagerStore.Row> chunk, boolean saved) {
        store.insertGenerated(accountId, chunk);
        if (saved && !chunk.isEmpty()) {
            List<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> saves = new ArrayList<>(chunk.size());
            for (BrightManagerStore.Row row : chunk) {
                saves.add(Map.entry(row.clientId(), Json.read(row.body(), com.fasterxml.jackson.databind.JsonNode.class)));
            }
            publisher.publishAll(accountId, saves);
        }
    }

    /**
     * Adds unusual client files, as pre-existing data: {@code large} valid ones of some 330 KiB (a client
     * with 2,500 contacts), {@code huge} ones of some 1.3 MiB (10,000 contacts: too large for the import),
     * and {@code malformed} ones whose addresses are not a list. The expectation records the huge and
     * malformed ones as RECORD_UNREADABLE failures.
     */
    @POST
    @jakarta.ws.rs.Path("/unusual")
    public Response unusual(@PathParam("accountId") String accountId, @QueryParam("large") @DefaultValue("0") int large,
            @QueryParam("huge") @DefaultValue("0") int huge, @QueryParam("malformed") @DefaultValue("0") int malformed) {
        if (large < 0 || huge < 0 || malformed < 0 || large + huge + malformed > 100) {
            return ApiError.INVALID_COUNT.response("large, huge and malformed: 0 or more, at most 100 together");
        }
        store.account(accountId).orElseThrow(() -> ApiError.NOT_FOUND.exception("Account " + accountId + " was not found"));
        long n = store.count(accountId) + 1;
        List<BrightManagerStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < large; i++, n++) {
            rows.add(new BrightManagerStore.Row(clientId(n), Json.write(withContacts(clientId(n), 2_500)), ""));
        }
        for (int i = 0; i < huge; i++, n++) {
            rows.add(new BrightManagerStore.Row(clientId(n), Json.write(withContacts(clientId(n), 10_000)),
                    ReasonCode.RECORD_UNREADABLE.name()));
        }
        for (int i = 0; i < malformed; i++, n++) {
            rows.add(new BrightManagerStore.Row(clientId(n), "{\"id\": \"" + clientId(n) + "\", \"reference\": \"BAD" + i
                    + "\", \"name\": \"Malformed Ltd\", \"type\": \"TRUST\", \"addresses\": \"not a list\", \"contacts\": []}",
                    ReasonCode.RECORD_UNREADABLE.name()));
        }
        store.insertGenerated(accountId, rows);
        return Response.ok(expected(accountId)).build();
    }

    /** A valid trust with {@code contacts} shareholders. */
    static com.brighthub.bulkimport.model.client.Client withContacts(String id, int contacts) {
        List<com.brighthub.bulkimport.model.client.Contact> people = new ArrayList<>(contacts);
        for (int i = 0; i < contacts; i++) {
            people.add(new com.brighthub.bulkimport.model.client.Contact(i == 0 ? "MAIN" : "OTHER", "P-" + i,
                    "First" + i, "Shareholder" + i, "shareholder" + i + "@members.example", "+44 113 496 0000",
                    "SHAREHOLDER"));
        }
        return new com.brighthub.bulkimport.model.client.Client(id, "LARGE" + id.substring(3), "Members Trust " + id,
                "TRUST", null, null, "office@members.example", List.of(new com.brighthub.bulkimport.model.client.Address(
                        "REGISTERED_OFFICE", "1 High Street", null, null, "Leeds", "West Yorkshire", "LS1 1AA", "GB")),
                people);
    }

    /** The expectation for every generated client of an account still as generated. */
    public Expected expected(String accountId) {
        long generated = 0;
        long excluded = 0;
        long failed = 0;
        Map<ReasonCode, Long> rows = new EnumMap<>(ReasonCode.class);
        for (Map.Entry<String, Long> e : store.expectedReasonCounts(accountId).entrySet()) {
            long clients = e.getValue();
            generated += clients;
            if (e.getKey().isEmpty()) {
                continue;
            }
            boolean exclusion = false;
            for (String code : e.getKey().split(",")) {
                ReasonCode reason = ReasonCode.valueOf(code);
                exclusion |= reason.isExclusion();
                if (!reason.isExclusion()) {
                    rows.merge(reason, clients, Long::sum);
                }
            }
            if (exclusion) {
                excluded += clients;
            } else {
                failed += clients;
            }
        }
        return new Expected(generated, excluded, failed, generated - excluded - failed, rows);
    }

    static String clientId(long n) {
        return String.format("BM-%07d", n);
    }
}
