package com.brighthub.bulkimport.importapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import com.brighthub.bulkimport.common.ui.DevSignIn;
import com.brighthub.bulkimport.devtools.DevTokens;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.Contact;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages as a browser meets them: the session cookie, the access rules, the article's steps. */
@QuarkusTest
class ImportPagesTest {

    @InjectMock
    BrightManagerPort brightManager;

    String account;

    @BeforeEach
    void setUp() {
        account = "ACC-" + UUID.randomUUID();
        when(brightManager.account(account))
                .thenReturn(Optional.of(new BrightManagerPort.Account(account, "Smith & <Jones>", true)));
        Address noLine1 = new Address("REGISTERED", " ", null, null, "Leeds", null, "LS1 1AA", "GB");
        Contact noRole = new Contact("PERSON", "P-1", "Ann", "Lee", "ann@example.com", null, null);
        when(brightManager.clients(eq(account), any(), anyInt())).thenReturn(new BrightManagerPort.ClientPage(List.of(
                new Client("BM-1", "R1", "Good Partners", "PARTNERSHIP", null, null, null, List.of(), List.of()),
                new Client("BM-2", "R2", "<script>alert(1)</script>", "PARTNERSHIP", null, null, null, List.of(noLine1), List.of()),
                new Client("BM-3", "R3", "=cmd|' /C calc'!A0", "PARTNERSHIP", null, null, null, List.of(), List.of(noRole)),
                new Client("BM-4", "R4", "Sole Trader", "SELF_ASSESSMENT", null, null, null, List.of(), List.of())),
                null, 4L));
    }

    String session(String role) {
        return DevTokens.token(account, role, role.toLowerCase() + "@practice");
    }

    io.restassured.specification.RequestSpecification as(String role) {
        return given().redirects().follow(false).cookie("bright_session", session(role));
    }

    String integration() {
        return "/ui/accounts/" + account + "/integration";
    }

    @Test
    void withoutASessionAPageSendsTheBrowserToSignInAndBack() {
        given().redirects().follow(false).get(integration()).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?next=%2Fui%2Faccounts%2F" + account + "%2Fintegration"));
        given().redirects().follow(false).cookie("bright_session", "forged.token.here").get(integration())
                .then().statusCode(303).header("Location", containsString("/ui/sign-in"));
    }

    @Test
    void theSignInToAPracticesPageAlreadyNamesThePractice() {
        given().queryParam("next", integration()).get("/ui/sign-in").then().statusCode(200)
                .body(containsString("name=\"account\" autocomplete=\"off\" value=\"" + account + "\""));
        given().queryParam("next", "https://evil.example/ui/accounts/x/").get("/ui/sign-in").then().statusCode(200)
                .body(containsString("value=\"\""));
    }

    @Test
    void theDevSignInSetsAStrictHttpOnlySessionForThePagesOnlyAndGoesBack() {
        Response signedIn = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("account", account).formParam("role", "Admin").formParam("user", "alice@practice")
                .formParam("next", integration()).post("/ui/dev/sign-in");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).endsWith(integration());
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).contains("bright_session=").contains("Path=/ui").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("Secure");
        String session = signedIn.detailedCookie("bright_session").getValue();
        given().cookie("bright_session", session).get(integration()).then().statusCode(200)
                .body(containsString("alice@practice")).body(containsString("id=\"get-started\""));
        given().redirects().follow(false).cookie("bright_session", session).get("/ui/").then().statusCode(303)
                .header("Location", containsString(integration()));
    }

    @Test
    void aSignInNeverSendsTheBrowserToAnotherSite() {
        for (String next : List.of("https://evil.example/", "//evil.example/ui/", "/ui/../../x\\y", "javascript:alert(1)")) {
            given().redirects().follow(false).contentType(ContentType.URLENC).formParam("account", account)
                    .formParam("role", "Admin").formParam("user", "alice").formParam("next", next)
                    .post("/ui/dev/sign-in").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/ui/"));
        }
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("account", "")
                .formParam("role", "Admin").post("/ui/dev/sign-in").then().statusCode(400);
    }

    @Test
    void brightHubHandsASessionOverAndOnlyBrightHubMay() {
        String token = session("Admin");
        Response handed = given().redirects().follow(false).header("Origin", "https://brighthub.test")
                .contentType(ContentType.URLENC).formParam("token", token).formParam("next", integration())
                .post("/ui/session");
        assertThat(handed.statusCode()).isEqualTo(200);
        assertThat(handed.asString()).contains("http-equiv=\"refresh\" content=\"0;url=" + integration() + "\"");
        assertThat(handed.detailedCookie("bright_session").getValue()).isEqualTo(token);
        assertThat(handed.detailedCookie("bright_session").getSameSite()).isEqualToIgnoringCase("Strict");

        given().header("Origin", "https://evil.example").contentType(ContentType.URLENC).formParam("token", token)
                .post("/ui/session").then().statusCode(403).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://brighthub.test").contentType(ContentType.URLENC)
                .formParam("token", DevTokens.token(account, "Admin", "alice", Duration.ofSeconds(-120)))
                .post("/ui/session").then().statusCode(401).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void signingOutEndsTheSessionAndNoOtherSiteCanSignSomeoneOut() {
        as("Admin").header("Origin", "https://evil.example").post("/ui/sign-out").then().statusCode(403);
        Response out = as("Admin").post("/ui/sign-out");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.detailedCookie("bright_session").getMaxAge()).isZero();
    }

    @Test
    void theAuditTrailPagesWithoutSkippingAnEntry() {
        String imports = "/ui/accounts/" + account + "/imports";
        for (int i = 0; i < 52; i++) {
            as("Admin").contentType(ContentType.URLENC).post(imports).then().statusCode(400);
        }
        String audit = "/ui/accounts/" + account + "/audit";
        String first = as("Admin").get(audit).then().statusCode(200).extract().asString();
        String second = as("Admin").queryParam("page", 1).get(audit).then().statusCode(200).extract().asString();
        assertThat(first.split("CONFIRMATION_REQUIRED", -1)).hasSize(1 + 50);
        assertThat(first).contains("href=\"?page=1\"");
        assertThat(second.split("CONFIRMATION_REQUIRED", -1)).hasSize(1 + 2);
        assertThat(second).doesNotContain("href=\"?page=2\"");
    }

    @Test
    void supportOpeningAPageIsAuditedOnceNotAtEveryRefreshAndItsCancelAlways() {
        String imports = "/ui/accounts/" + account + "/imports";
        String location = as("Admin").contentType(ContentType.URLENC).formParam("confirm", "irreversible").post(imports)
                .then().statusCode(303).extract().header("Location");
        String progress = imports + "/" + location.substring(location.lastIndexOf('/') + 1);
        String support = DevTokens.support("sue");
        for (int i = 0; i < 3; i++) {
            given().cookie("bright_session", support).get(progress).then().statusCode(200);
        }
        given().cookie("bright_session", support).redirects().follow(false).contentType(ContentType.URLENC)
                .post(progress + "/cancel").then().statusCode(303);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String audit = as("Admin").get("/ui/accounts/" + account + "/audit").then().extract().asString();
            assertThat(audit.split("SUPPORT_ACCESS", -1)).as("one view, one cancel").hasSize(1 + 2);
            assertThat(audit).contains("CANCEL_IMPORT");
        });
    }

    @Test
    void theSessionCookieNeverOpensTheApi() {
        given().cookie("bright_session", session("Admin")).get("/api/v1/accounts/" + account + "/imports")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2(session("Admin")).get("/api/v1/accounts/" + account + "/imports").then().statusCode(200);
    }

    @Test
    void theIntegrationPageSaysWhyThereIsNoGetStarted() {
        as("Staff").get(integration()).then().statusCode(200).body(not(containsString("id=\"get-started\"")))
                .body(containsString("Only an Admin or Owner of the practice can run the bulk import"))
                .body(containsString("Smith &amp; &lt;Jones&gt;"));
        as("Owner").get(integration()).then().statusCode(200).body(containsString("id=\"get-started\""));
        when(brightManager.account(account))
                .thenReturn(Optional.of(new BrightManagerPort.Account(account, "Practice", false)));
        as("Admin").get(integration()).then().statusCode(200).body(not(containsString("id=\"get-started\"")))
                .body(containsString("BrightClient is not enabled on your BrightManager account"));
    }

    @Test
    void aStaffMemberAndAnotherPracticeAreRefusedEveryOtherPage() {
        as("Staff").get("/ui/accounts/" + account + "/preflight").then().statusCode(403)
                .contentType(startsWith("text/html")).body(containsString("Only an Admin or Owner"));
        given().cookie("bright_session", DevTokens.token("OTHER", "Admin", "eve")).redirects().follow(false)
                .get(integration()).then().statusCode(403).body(containsString("You do not have access to this account"));
        given().cookie("bright_session", DevTokens.token("OTHER", "Admin", "eve")).redirects().follow(false)
                .get("/ui/accounts/" + account + "/imports").then().statusCode(403);
        as("Admin").get("/ui/support/imports").then().statusCode(403).body(containsString("Only Bright Support"));
        as("Admin").get("/ui/accounts/" + account + "/imports/no-such-import").then().statusCode(404)
                .contentType(startsWith("text/html"));
    }

    @Test
    void aFormSentFromAnotherSiteIsRefused() {
        as("Admin").header("Origin", "https://evil.example").contentType(ContentType.URLENC)
                .formParam("confirm", "irreversible").post("/ui/accounts/" + account + "/imports")
                .then().statusCode(403).body(containsString("another site"));
        as("Admin").get("/api/v1/accounts/" + account + "/imports").then().statusCode(401);
    }

    @Test
    void thePreflightShowsWhatWouldHappenWithTheFixesAndTheClientsThatWouldFail() throws java.io.IOException {
        String preflight = "/ui/accounts/" + account + "/preflight";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("Admin").get(preflight).then().statusCode(200)
                .body(containsString("id=\"pf-clients\">4<")));
        as("Admin").get(preflight).then()
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("id=\"pf-import\">1<")).body(containsString("id=\"pf-fail\">2<"))
                .body(containsString("id=\"pf-excluded\">1<"))
                .body(containsString("Address Line 1 is missing")).body(containsString("Contact has no role assigned"))
                .body(containsString("cannot be undone")).body(containsString("id=\"confirm\""));

        String csv = as("Admin").get(preflight + "/would-fail.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(
                new java.io.StringReader(csv)).getRecords();
        assertThat(rows).extracting(r -> r.get("client_id") + " " + r.get("reason_code"))
                .containsExactly("BM-2 ADDRESS_LINE_1_MISSING", "BM-3 CONTACT_ROLE_MISSING");
        assertThat(rows.get(1).get("client_name")).startsWith("'=");
    }

    @Test
    void anAdminStartsOnlyWithTheConfirmationFollowsItCancelsItAndSeesItAllAudited() {
        String imports = "/ui/accounts/" + account + "/imports";
        as("Admin").contentType(ContentType.URLENC).post(imports).then().statusCode(400)
                .body(containsString("Tick the box to confirm"));

        String location = as("Admin").contentType(ContentType.URLENC).formParam("confirm", "irreversible").post(imports)
                .then().statusCode(303).extract().header("Location");
        assertThat(location).contains(imports + "/");
        String progress = imports + "/" + location.substring(location.lastIndexOf('/') + 1);
        as("Admin").get(progress).then().statusCode(200).body(containsString("RUNNING"))
                .body(containsString("You do not need to stay on this page")).body(containsString("data-live"));
        as("Admin").get(integration()).then().body(containsString("A bulk import is already running"))
                .body(containsString("href=\"" + progress + "\""));
        as("Admin").contentType(ContentType.URLENC).formParam("confirm", "irreversible").post(imports)
                .then().statusCode(409).body(containsString("already running"));

        as("Admin").get(progress + "/cancel").then().statusCode(200).body(containsString("Yes, cancel the import"));
        as("Admin").contentType(ContentType.URLENC).post(progress + "/cancel").then().statusCode(303);
        as("Admin").get(progress).then().statusCode(200).body(containsString("CANCELLED"))
                .body(not(containsString("data-live"))).body(containsString("View the summary report"));
        as("Admin").get(imports).then().statusCode(200).body(containsString("CANCELLED"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*\\d{1,2} [A-Z][a-z]{2,3} \\d{4}, \\d\\d:\\d\\d:\\d\\d UTC.*"));
        as("Admin").get("/ui/accounts/" + account + "/audit").then().statusCode(200)
                .body(containsString("START_IMPORT")).body(containsString("CONFIRMATION_REQUIRED"))
                .body(containsString("IMPORT_ALREADY_RUNNING")).body(containsString("CANCEL_IMPORT"));
    }

    @Test
    void supportSeesTheConsoleAndMayCancelButNeverStart() {
        String support = DevTokens.support("sam");
        given().cookie("bright_session", support).get("/ui/support/imports").then().statusCode(200)
                .body(containsString("Stalled imports"));
        given().cookie("bright_session", support).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("confirm", "irreversible").post("/ui/accounts/" + account + "/imports").then().statusCode(403);
        given().cookie("bright_session", support).get(integration()).then().statusCode(200)
                .body(containsString("only the practice&#39;s Admin or Owner can start one"));
    }

    @Test
    void theDevSignInCannotBeOnWithAnyKeyButTheDevOne() {
        assertThat(DevSignIn.problem(Optional.of("dev.pem"), "https://brighthub.example/keys.pem")).get().asString()
                .contains("refusing to start");
        assertThat(DevSignIn.problem(Optional.of("dev.pem"), "dev-jwt/publicKey.pem")).isEmpty();
        assertThat(DevSignIn.problem(Optional.empty(), "https://brighthub.example/keys.pem")).isEmpty();
    }
}
