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
 * The one place that decides who may call {@code /api/v1/...}: a valid BrightHub token (401 otherwise),
 * then (403 otherwise) either the Admin or Owner role with the token's {@code account_id} equal to the
 * path's account, or Bright Support ({@code Support}, no practice account of its own), who may read any
 * account's imports, reports, failures and audit and cancel an import, but never start one – each such
 * access is announced as a {@link SupportAccess} for the account's audit trail. {@code /api/v1/support/...}
 * is Support's alone. Resources then read the checked caller from {@link CurrentCaller}.
 */
public class AccountAccess {

    /** Roles that may run and read bulk imports. */
    public static final Set<String> ADMIN_ROLES = Set.of("Owner", "Admin");

    /** Bright Support: reads any account and may cancel, never start. */
    public static final String SUPPORT = "Support";

    private static final java.util.regex.Pattern CANCEL =
            java.util.regex.Pattern.compile("/api/v1/accounts/[^/]+/imports/[^/]+/cancel/?");

    private static final java.util.regex.Pattern INTEGRATION =
            java.util.regex.Pattern.compile("/api/v1/accounts/[^/]+/integration/?");

    /**
     * Support's page views are audited once per user and page in ten minutes, not at every refresh of a page
     * that refreshes itself (a progress page asks every second); every API call and every action is audited.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> pageReads =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofMinutes(10))
                    .maximumSize(10_000).build();

    private static final String ACCOUNT_CLAIM = "account_id";

    /** What a path id may look like: bounded, and nothing a query or a log line could misread. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    /** The longest a token may live ({@code exp − iat}); BrightHub's tokens are short-lived. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "bright.jwt.max-lifetime", defaultValue = "PT24H")
    java.time.Duration maxLifetime;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long skewSeconds;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    jakarta.enterprise.event.Event<AccessRefused> refusals;

    @Inject
    jakarta.enterprise.event.Event<SupportAccess> supportAccesses;

    @Inject
    com.brighthub.bulkimport.common.ui.PageAnswers pages;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> authorize(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/ui/") && !pages.sameOrigin(request)) {
            return Uni.createFrom().item(pages.refused(request, 403, "This form was sent from another site"));
        }
        boolean page = com.brighthub.bulkimport.common.ui.PageAnswers.guarded(path);
        if (!page && !path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        // who is calling comes first: a request without a valid token learns nothing else
        return identities.getDeferredIdentity()
                .map(identity -> page ? pages.answer(request, decide(identity, request, true))
                        : decide(identity, request, false))
                .onFailure().recoverWithItem(e -> page ? pages.signIn(request) : ApiError.UNAUTHENTICATED.response());
    }

    /**
     * The same rules for the API and for the pages: a page {@code /ui/X} is judged as the API's
     * {@code /api/v1/X}. The API takes its token from the Authorization header only – never from the pages'
     * session cookie, so a page's cookie can never call the API (no cross-site request forgery of it) – and the
     * one page any role of the account may open is its Integration page, which says why there is no Get Started.
     */
    private Response decide(SecurityIdentity identity, ContainerRequestContext request, boolean page) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return ApiError.UNAUTHENTICATED.response();
        }
        if (!page && !fromHeader(request, jwt.getRawToken())) {
            return ApiError.UNAUTHENTICATED.response();
        }
        java.util.Optional<String> problem = TokenClaims.problem(jwt.getRawToken(), java.time.Instant.now(), maxLifetime,
                java.time.Duration.ofSeconds(skewSeconds));
        if (problem.isPresent()) {
            return ApiError.UNAUTHENTICATED.response(ApiError.UNAUTHENTICATED.message() + ": " + problem.get());
        }
        for (var param : request.getUriInfo().getPathParameters().entrySet()) {
            for (String value : param.getValue()) {
                if (!ID.matcher(value).matches()) {
                    return ApiError.INVALID_ID.response(param.getKey() + " must be 1-100 letters, digits or . _ : -");
                }
            }
        }
        // a string by now (TokenClaims): a number or a list never stands for an account
        Object accountClaim = jwt.getClaim(ACCOUNT_CLAIM);
        String tokenAccount = accountClaim == null ? null : accountClaim.toString();
        String pathAccount = request.getUriInfo().getPathParameters().getFirst("accountId");
        String path = page ? "/api/v1/" + request.getUriInfo().getPath().substring("/ui/".length())
                : request.getUriInfo().getPath();
        String role = ADMIN_ROLES.stream().filter(identity::hasRole).findFirst().orElse(null);
        if (page && !identity.hasRole(SUPPORT) && tokenAccount != null && tokenAccount.equals(pathAccount)
                && INTEGRATION.matcher(path).matches()) {
            currentCaller.set(new Caller(jwt.getSubject(), role != null ? role
                    : java.util.Objects.requireNonNullElse(anyRole(identity), "none"), tokenAccount));
            return null;
        }
        if (identity.hasRole(SUPPORT)) {
            return decideSupport(jwt, identity, tokenAccount, pathAccount, path, request);
        }
        if (path.startsWith("/api/v1/support/")) {
            refused(jwt, identity, tokenAccount, pathAccount, path, request);
            return ApiError.FORBIDDEN.response("Only Bright Support may do this");
        }
        if (role == null) {
            refused(jwt, identity, tokenAccount, pathAccount, path, request);
            return ApiError.FORBIDDEN.response("Only an Admin or Owner of the practice may do this");
        }
        if (tokenAccount == null || pathAccount == null || !tokenAccount.equals(pathAccount)) {
            refused(jwt, identity, tokenAccount, pathAccount, path, request);
            return ApiError.FORBIDDEN.response("You do not have access to this account");
        }
        currentCaller.set(new Caller(jwt.getSubject(), role, tokenAccount));
        return null;
    }

    /** Support reads any account and cancels; it never starts an import. Every access to an account is audited. */
    private Response decideSupport(JsonWebToken jwt, SecurityIdentity identity, String tokenAccount, String pathAccount,
            String path, ContainerRequestContext request) {
        boolean reads = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (path.startsWith("/api/v1/support/")) {
            if (!reads) {
                return ApiError.METHOD_NOT_ALLOWED.response("Bright Support's views are read-only");
            }
            currentCaller.set(new Caller(jwt.getSubject(), SUPPORT, null));
            return null;
        }
        if (pathAccount == null || !(reads || ("POST".equals(request.getMethod()) && CANCEL.matcher(path).matches()))) {
            refused(jwt, identity, tokenAccount, pathAccount, path, request);
            return ApiError.FORBIDDEN.response("Bright Support may read an account's imports and cancel one,"
                    + " never start one");
        }
        currentCaller.set(new Caller(jwt.getSubject(), SUPPORT, pathAccount));
        java.time.Instant now = java.time.Instant.now();
        boolean pageRead = "GET".equals(request.getMethod()) && request.getUriInfo().getPath().startsWith("/ui/");
        if (!pageRead || pageReads.asMap().putIfAbsent(jwt.getSubject() + " " + path, Boolean.TRUE) == null) {
            supportAccesses.fireAsync(new SupportAccess(jwt.getSubject(), pathAccount, request.getMethod(), path, now));
        }
        return null;
    }

    private static boolean fromHeader(ContainerRequestContext request, String token) {
        String header = request.getHeaderString("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && header.substring(7).trim().equals(token);
    }

    /** Announces a refusal, with the API path a page stands for (the audit trail speaks the API's paths). */
    private void refused(JsonWebToken jwt, SecurityIdentity identity, String tokenAccount, String pathAccount,
            String path, ContainerRequestContext request) {
        refusals.fireAsync(new AccessRefused(jwt.getSubject(), anyRole(identity), tokenAccount, pathAccount,
                request.getMethod(), path));
    }

    /** One of the caller's roles, the same one each time (null for none). */
    private static String anyRole(SecurityIdentity identity) {
        return identity.getRoles().stream().sorted().findFirst().orElse(null);
    }
}
