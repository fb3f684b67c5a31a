package com.brighthub.bulkimport.importapi.brightmanager;

import com.brighthub.bulkimport.common.calls.CallGuards;
import com.brighthub.bulkimport.common.calls.NeighbourCalls;
import com.brighthub.bulkimport.model.client.Client;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The real BrightManager adapter over HTTP. Every call follows BrightManager's call policy
 * ({@code bright.calls.brightmanager}: a timeout, quick retries of transient failures with exponential
 * backoff and jitter); past it the caller sees {@link BrightManagerUnavailableException} or fault
 * tolerance's {@code TimeoutException}. A refusal (a 4xx but 429) is {@link BrightManagerRefusedException}.
 */
@ApplicationScoped
public class HttpBrightManager implements BrightManagerPort {

    private static final TypeLiteral<Optional<Account>> ACCOUNT = new TypeLiteral<>() {
    };

    @Inject
    @RestClient
    BrightManagerApi api;

    @Inject
    NeighbourCalls calls;

    private Guard guard;

    @PostConstruct
    void guard() {
        guard = CallGuards.guard("BrightManager", calls.brightmanager(), BrightManagerUnavailableException.class, false);
    }

    @Override
    public Optional<Account> account(String accountId) {
        return guard.get(() -> fetchAccount(accountId), ACCOUNT);
    }

    @Override
    public ClientPage clients(String accountId, String cursor, int limit) {
        return guard.get(() -> fetchClients(accountId, cursor, limit), ClientPage.class);
    }

    private Optional<Account> fetchAccount(String accountId) {
        try {
            BrightManagerApi.AccountBody body = api.account(accountId);
            return Optional.of(new Account(accountId, body.name(), Boolean.TRUE.equals(body.brightClientEnabled()),
                    body.brightClientEnabledAt()));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw translate(e);
        } catch (ProcessingException e) {
            throw new BrightManagerUnavailableException("BrightManager is unreachable: " + e.getMessage(), e);
        }
    }

    private ClientPage fetchClients(String accountId, String cursor, int limit) {
        try {
            BrightManagerApi.PageBody page = api.clients(accountId, cursor, limit);
            return decode(page);
        } catch (WebApplicationException e) {
            throw translate(e);
        } catch (ProcessingException e) {
            throw new BrightManagerUnavailableException("BrightManager is unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes each client file on its own: one that is not a client (a field of the wrong shape) is
     * listed as unreadable, by id, instead of failing the page – and with it the import – for good.
     */
    static ClientPage decode(BrightManagerApi.PageBody page) {
        List<Client> clients = new java.util.ArrayList<>();
        List<Unreadable> unreadable = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode node : page.clients() == null
                ? List.<com.fasterxml.jackson.databind.JsonNode>of() : page.clients()) {
            try {
                clients.add(com.brighthub.bulkimport.model.Json.mapper().treeToValue(node, Client.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                String id = node == null ? "" : node.path("id").asText("");
                if (!id.isBlank()) {
                    unreadable.add(new Unreadable(id, "The client file could not be read: " + describe(e)));
                }
            }
        }
        return new ClientPage(clients, page.nextCursor(), page.total(), unreadable);
    }

    /** What was wrong with a client file, briefly: which field, and how. */
    private static String describe(Exception e) {
        String what = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            what = "field '" + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : Integer.toString(r.getIndex())).collect(java.util.stream.Collectors.joining(".")) + "': " + what;
        }
        return what == null ? e.getClass().getSimpleName() : what.length() > 300 ? what.substring(0, 300) + "…" : what;
    }

    private static RuntimeException translate(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 429 || status >= 500) {
            return new BrightManagerUnavailableException("BrightManager answered " + status, e);
        }
        return new BrightManagerRefusedException("BrightManager refused the request with " + status, e);
    }
}
