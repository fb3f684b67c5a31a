package com.brighthub.bulkimport.importapi.brightmanager;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The real BrightManager adapter over HTTP: transient failures are retried with exponential backoff
 * and jitter; anything else is the caller's to handle.
 */
@ApplicationScoped
public class HttpBrightManager implements BrightManagerPort {

    @Inject
    @RestClient
    BrightManagerApi api;

    @Override
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 6, delay = 200, jitter = 100, retryOn = BrightManagerUnavailableException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Optional<Account> account(String accountId) {
        try {
            BrightManagerApi.AccountBody body = api.account(accountId);
            return Optional.of(new Account(accountId, body.name(), Boolean.TRUE.equals(body.brightClientEnabled())));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw translate(e);
        } catch (ProcessingException e) {
            throw new BrightManagerUnavailableException("BrightManager is unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 8, delay = 200, jitter = 100, retryOn = BrightManagerUnavailableException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public ClientPage clients(String accountId, String cursor, int limit) {
        try {
            BrightManagerApi.PageBody page = api.clients(accountId, cursor, limit);
            return new ClientPage(page.clients() == null ? List.of() : page.clients(), page.nextCursor(), page.total());
        } catch (WebApplicationException e) {
            throw translate(e);
        } catch (ProcessingException e) {
            throw new BrightManagerUnavailableException("BrightManager is unreachable: " + e.getMessage(), e);
        }
    }

    private static RuntimeException translate(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 429 || status >= 500) {
            return new BrightManagerUnavailableException("BrightManager answered " + status, e);
        }
        return new BrightManagerRefusedException("BrightManager refused the request with " + status, e);
    }
}
