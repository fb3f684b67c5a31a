package com.brighthub.bulkimport.common.ui;

import com.brighthub.bulkimport.common.api.AccountAccess;
import com.brighthub.bulkimport.common.api.TokenClaims;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * How a browser gets a session for the pages. The session is BrightHub's own token, kept in an
 * HttpOnly, SameSite=Strict cookie for {@code /ui} only: the API never reads it. In production BrightHub
 * hands the token over by posting it to {@code /ui/session}; on the local stack the dev sign-in makes one.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class SessionResource {

    /** The pages' session cookie. */
    public static final String COOKIE = "bright_session";

    private static final List<String> ROLES = List.of("Admin", "Owner", "Staff", "Support");

    /** Where a sign-in may send the browser back to: one of these pages, never another site. */
    private static final Pattern NEXT = Pattern.compile("/ui/[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]*");

    private static final Pattern ACCOUNT_PAGE = Pattern.compile("/ui/accounts/([A-Za-z0-9._:-]{1,100})/");

    @Inject
    JWTParser parser;

    @Inject
    DevSignIn devSignIn;

    @Inject
    UiLinks links;

    @ConfigProperty(name = "bright.jwt.max-lifetime", defaultValue = "PT24H")
    Duration maxLifetime;

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long skewSeconds;

    @ConfigProperty(name = "bright.ui.secure-cookie", defaultValue = "true")
    boolean secureCookie;

    @GET
    public Response home(@CookieParam(COOKIE) String session) {
        Optional<JsonWebToken> who = verify(session);
        if (who.isEmpty()) {
            return Response.seeOther(URI.create("/ui/sign-in")).build();
        }
        JsonWebToken jwt = who.get();
        if (jwt.getGroups().contains(AccountAccess.SUPPORT)) {
            return Response.seeOther(URI.create(links.importApi("/ui/support/imports"))).build();
        }
        String account = jwt.getClaim("account_id") == null ? "" : jwt.getClaim("account_id").toString();
        return Response.seeOther(URI.create(links.importApi("/ui/accounts/" + UiLinks.encode(account) + "/integration")))
                .build();
    }

    @GET
    @Path("/sign-in")
    public Response signInPage(@QueryParam("next") String next) {
        if (!devSignIn.enabled()) {
            return Response.status(401).entity(Html.page("Open the bulk import from BrightHub",
                    "<p>Your session has ended or has not started. Open <strong>Integrations</strong> in BrightHub"
                            + " and choose BrightClient again: BrightHub signs you in here.</p>")).build();
        }
        StringBuilder roles = new StringBuilder();
        for (String role : ROLES) {
            roles.append("<option>").append(role).append("</option>");
        }
        return Response.ok(Html.page("Sign in to the local stack",
                "<p class=\"note\">Local stack only: this sign-in signs a session with the dev key. In production,"
                        + " BrightHub signs you in.</p>"
                        + "<form method=\"post\" action=\"/ui/dev/sign-in\" class=\"stack\">"
                        + "<label for=\"account\">Practice account (none for Support)</label>"
                        + "<input id=\"account\" name=\"account\" autocomplete=\"off\" value=\""
                        + Html.escape(accountOf(safeNext(next))) + "\">"
                        + "<label for=\"role\">Role</label><select id=\"role\" name=\"role\">" + roles + "</select>"
                        + "<label for=\"user\">User</label><input id=\"user\" name=\"user\" value=\"admin@practice.example\">"
                        + "<input type=\"hidden\" name=\"next\" value=\"" + Html.escape(safeNext(next)) + "\">"
                        + "<button type=\"submit\" id=\"sign-in\">Sign in</button></form>")).build();
    }

    @POST
    @Path("/dev/sign-in")
    public Response devSignIn(@FormParam("account") String account, @FormParam("role") String role,
            @FormParam("user") String user, @FormParam("next") String next) {
        if (!devSignIn.enabled()) {
            return Response.status(404).entity(Html.page("Not found", "<p>There is no dev sign-in here.</p>")).build();
        }
        boolean support = AccountAccess.SUPPORT.equals(role);
        String accountId = account == null || account.isBlank() ? null : account.trim();
        String userId = user == null || user.isBlank() ? "dev-user" : user.trim();
        if (!ROLES.contains(role) || (support != (accountId == null))
                || (accountId != null && !AccountAccess.ID.matcher(accountId).matches())
                || !AccountAccess.ID.matcher(userId.replace('@', '.')).matches()) {
            return Response.status(400).entity(Html.page("Sign in to the local stack",
                    "<p class=\"problem\" role=\"alert\">Pick a role, and a practice account unless the role is"
                            + " Support (Support has none). Accounts and users are letters, digits and . _ : - @</p>"
                            + "<p><a href=\"/ui/sign-in\">Try again</a></p>")).build();
        }
        Duration ttl = Duration.ofHours(8);
        return signedIn(devSignIn.token(accountId, role, userId, ttl), ttl, next);
    }

    @POST
    @Path("/session")
    public Response session(@FormParam("token") String token, @FormParam("next") String next) {
        Optional<JsonWebToken> jwt = verify(token);
        if (jwt.isEmpty()) {
            return Response.status(401).entity(Html.page("Open the bulk import from BrightHub",
                    "<p class=\"problem\" role=\"alert\">BrightHub's sign-in could not be checked. Open"
                            + " Integrations in BrightHub again.</p>")).build();
        }
        Duration ttl = Duration.ofSeconds(Math.max(1, jwt.get().getExpirationTime() - Instant.now().getEpochSecond()));
        return Response.ok(Html.continueTo(safeNext(next))).cookie(cookie(token, (int) ttl.toSeconds())).build();
    }

    @POST
    @Path("/sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create("/ui/sign-in")).cookie(cookie("", 0)).build();
    }

    /** The signed-in user of a session cookie, when its token is valid now. */
    Optional<JsonWebToken> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            if (TokenClaims.problem(token, Instant.now(), maxLifetime, Duration.ofSeconds(skewSeconds)).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(jwt);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private Response signedIn(String token, Duration ttl, String next) {
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(token, (int) ttl.toSeconds())).build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/ui").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** The practice account of a page path, so the sign-in to a practice's page already names it. */
    static String accountOf(String page) {
        java.util.regex.Matcher m = ACCOUNT_PAGE.matcher(page);
        return m.lookingAt() ? m.group(1) : "";
    }

    /** {@code next} when it is one of these pages, else the way in. */
    static String safeNext(String next) {
        return next != null && next.length() <= 500 && NEXT.matcher(next).matches() && !next.contains("//")
                ? next : "/ui/";
    }
}
