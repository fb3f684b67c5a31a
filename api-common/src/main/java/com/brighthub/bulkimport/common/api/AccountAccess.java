package com.brighthub.bulkimport.common.api;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place that decides who may call {@code /api/v1/accounts/{accountId}/...}: a valid BrightHub
 * token (401 otherwise), the Admin or Owner role, and the token's {@code account_id} equal to the path's
 * account (403 otherwise). Resources then read the checked caller from {@link CurrentCaller}.
 */
public class AccountAccess {

    /** Roles that may run and read bulk imports. */
    public static final Set<String> ADMIN_ROLES = Set.of("Owner", "Admin");

    private static final String ACCOUNT_CLAIM = "account_id";

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CurrentCaller currentCaller;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> authorize(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, request))
                .onFailure().recoverWithItem(e -> ErrorBody.of(401, "UNAUTHENTICATED",
                        "A valid BrightHub bearer token is required"));
    }

    private Response decide(SecurityIdentity identity, ContainerRequestContext request) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return ErrorBody.of(401, "UNAUTHENTICATED", "A valid BrightHub bearer token is required");
        }
        String tokenAccount = jwt.getClaim(ACCOUNT_CLAIM) == null ? null : String.valueOf((Object) jwt.getClaim(ACCOUNT_CLAIM));
        String pathAccount = request.getUriInfo().getPathParameters().getFirst("accountId");
        String role = ADMIN_ROLES.stream().filter(identity::hasRole).findFirst().orElse(null);
        if (role == null) {
            return ErrorBody.of(403, "FORBIDDEN", "Only an Admin or Owner of the practice may do this");
        }
        if (tokenAccount == null || pathAccount == null || !tokenAccount.equals(pathAccount)) {
            return ErrorBody.of(403, "FORBIDDEN", "You do not have access to this account");
        }
        currentCaller.set(new Caller(jwt.getSubject(), role, tokenAccount));
        return null;
    }
}
