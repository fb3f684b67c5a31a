package com.brighthub.bulkimport.common.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a page answers where the API would answer with a JSON error: no session sends the browser to sign
 * in (and back), a refusal is a page that says why. Also the pages' one defence against forged forms
 * beyond the SameSite session cookie: a form sent from another origin is refused.
 */
@ApplicationScoped
public class PageAnswers {

    /** Pages anyone may open: signing in and out, and the way in. */
    private static final Set<String> OPEN = Set.of("/ui", "/ui/", "/ui/sign-in", "/ui/dev/sign-in", "/ui/session",
            "/ui/sign-out");

    /** True for a page that needs a signed-in user with access to what it shows. */
    public static boolean guarded(String path) {
        return path.startsWith("/ui/") && !OPEN.contains(path) && !path.startsWith("/ui/assets/");
    }

    /** BrightHub's own origin, the one other site that may post a session here ({@code POST /ui/session}). */
    @ConfigProperty(name = "bright.ui.brighthub-origin")
    Optional<String> brightHub;

    /**
     * False for a form (any method but GET and HEAD) whose {@code Origin} is not this service's own – or, for
     * the hand-off of a session, BrightHub's. Signing in, out and handing a session over are forms too: a
     * site that could post them could sign a user in as someone else.
     */
    public boolean sameOrigin(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        String origin = request.getHeaderString("Origin");
        String host = request.getHeaderString("Host");
        if (origin == null) {
            // browsers send Origin on every cross-site form POST: without one it is not a browser's forgery
            return true;
        }
        if ("/ui/session".equals(request.getUriInfo().getPath()) && brightHub.filter(origin::equalsIgnoreCase).isPresent()) {
            return true;
        }
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The page for the access rules' answer: none (go on), sign in, or refused with the rule's words. */
    public Response answer(ContainerRequestContext request, Response decided) {
        if (decided == null) {
            return null;
        }
        if (decided.getStatus() == 401) {
            return signIn(request);
        }
        return refused(request, decided.getStatus(),
                messageOf(decided.getEntity()).orElse("You do not have access to this page"));
    }

    /** The message of a JSON error body ({@code {"code", "message"}}), if {@code entity} is one. */
    static Optional<String> messageOf(Object entity) {
        return entity instanceof Map<?, ?> body && body.get("message") != null
                ? Optional.of(body.get("message").toString()) : Optional.empty();
    }

    /** To the sign-in page, coming back to this page (a form goes back to the start) afterwards. */
    public Response signIn(ContainerRequestContext request) {
        String back = "GET".equals(request.getMethod()) ? request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery()) : "/ui/";
        return Response.seeOther(URI.create("/ui/sign-in?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8)))
                .build();
    }

    /** A page saying why the user may not see or do this, with the way back. */
    public Response refused(ContainerRequestContext request, int status, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Html.problem(status == 404 ? "Not found" : "Not allowed", message)).build();
    }
}
