package com.brighthub.bulkimport.importapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import com.brighthub.bulkimport.devtools.DevTokens;
import com.brighthub.bulkimport.devtools.ForgedTokens;
import com.brighthub.bulkimport.importapi.brightmanager.BrightManagerPort;
import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.Contact;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call import-api, endpoint by endpoint, and what hostile input gets: always a 4xx with a code,
 * and the service answers normally afterwards.
 */
@QuarkusTest
class ApiSecurityTest {

    @InjectMock
    BrightManagerPort brightManager;

    String account;

    record Endpoint(Method method, String path, String body, int allowed) {
    }

    @BeforeEach
    void setUp() {
        account = "ACC-" + UUID.randomUUID();
        when(brightManager.account(account)).thenReturn(Optional.of(new BrightManagerPort.Account(account, "P", true)));
        when(brightManager.clients(eq(account), any(), anyInt())).thenReturn(new BrightManagerPort.ClientPage(List.of(
                new Client("BM-1", "R", "Good", "TRUST", null, null, null, List.of(), List.of()),
                new Client("BM-2", "R", "", "LIMITED_COMPANY", null, null, null,
                        List.of(new Address("TRADING", " ", null, null, null, null, null, "GB")),
                        List.of(new Contact("MAIN", "P", "A", "B", null, null, null))),
                new Client("BM-3", "R", "Solo", "SELF_ASSESSMENT", null, null, null, List.of(), List.of())), null, 3L));
    }

    List<Endpoint> endpoints() {
        String base = "/api/v1/accounts/" + account;
        return List.of(
                new Endpoint(Method.POST, base + "/imports", "{\"confirmIrreversible\": false}", 400),
                new Endpoint(Method.GET, base + "/imports", null, 200),
                new Endpoint(Method.GET, base + "/imports/" + UUID.randomUUID(), null, 404),
                new Endpoint(Method.GET, base + "/imports/preflight", null, 200),
                new Endpoint(Method.GET, base + "/audit", null, 200));
    }

    Response call(Endpoint e, String token) {
        RequestSpecification r = given();
        if (token != null) {
            r = r.header("Authorization", "Bearer " + token);
        }
        if (e.body() != null) {
            r = r.contentType(ContentType.JSON).body(e.body());
        }
        return r.request(e.method(), e.path());
    }

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheContractSays() {
        List<String> table = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Map.Entry<String, ForgedTokens.Caller> caller : ForgedTokens.callers(account).entrySet()) {
                int want = caller.getValue().denied() != null ? caller.getValue().denied() : e.allowed();
                Response answer = call(e, caller.getValue().token());
                table.add(e.method() + " " + e.path().replace(account, "{acc}") + " | " + caller.getKey() + " | "
                        + answer.statusCode());
                assertThat(answer.statusCode()).as(e.method() + " " + e.path() + " as " + caller.getKey()).isEqualTo(want);
                assertThat(answer.jsonPath().getString("code")).as("JSON error body")
                        .satisfiesAnyOf(c -> assertThat(want).isLessThan(400), c -> assertThat(c).isNotBlank());
            }
        }
        System.out.println("security table (import-api):\n" + String.join("\n", table));
    }

    @Test
    void hostileInputGetsA4xxWithACodeAndTheServiceKeepsAnswering() {
        String admin = DevTokens.token(account, "Admin", "alice");
        String imports = "/api/v1/accounts/" + account + "/imports";
        record Case(String name, RequestSpecification request, Method method, String path, int status) {
        }
        List<Case> cases = new ArrayList<>();
        for (String body : List.of("{not json", "[]", "\"yes\"", "42", "null", "{\"confirmIrreversible\": \"yes\"}",
                "{\"confirmIrreversible\": 1}", "{\"confirmIrreversible\": {}}", "{\"confirmIrreversible\": [true]}",
                "{\"confirmIrreversible\": true,", "\u0000\u0001", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            cases.add(new Case("body " + body.substring(0, Math.min(40, body.length())),
                    given().auth().oauth2(admin).contentType(ContentType.JSON).body(body), Method.POST, imports, 400));
        }
        cases.add(new Case("70 KiB body", given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"confirmIrreversible\": true, \"pad\": \"" + "x".repeat(70_000) + "\"}"), Method.POST, imports, 413));
        cases.add(new Case("text/plain", given().auth().oauth2(admin).contentType(ContentType.TEXT).body("confirm"),
                Method.POST, imports, 415));
        cases.add(new Case("DELETE", given().auth().oauth2(admin), Method.DELETE, imports, 405));
        // ".." is normalised away before routing: the path no longer names an account, so 404
        cases.add(new Case("account id ..", given().auth().oauth2(admin), Method.GET, "/api/v1/accounts/../imports", 404));
        for (String id : List.of("a%20b", "x".repeat(101), "%00", "a;b", "%27%20OR%201%3D1", "%E2%80%AE", "-lead")) {
            cases.add(new Case("account id " + id, given().auth().oauth2(DevTokens.token(id, "Admin", "alice")),
                    Method.GET, "/api/v1/accounts/" + id + "/imports", 400));
            cases.add(new Case("import id " + id, given().auth().oauth2(admin), Method.GET, imports + "/" + id, 400));
        }
        cases.add(new Case("audit limit 0", given().auth().oauth2(admin), Method.GET,
                "/api/v1/accounts/" + account + "/audit?size=0", 400));
        cases.add(new Case("audit limit huge", given().auth().oauth2(admin), Method.GET,
                "/api/v1/accounts/" + account + "/audit?size=100000", 400));
        for (String bad : List.of("page=-1", "page=x", "size=0", "size=1001", "size=100000000", "size=abc")) {
            cases.add(new Case("imports " + bad, given().auth().oauth2(admin), Method.GET, imports + "?" + bad, 400));
            cases.add(new Case("audit " + bad, given().auth().oauth2(admin), Method.GET,
                    "/api/v1/accounts/" + account + "/audit?" + bad, 400));
        }
        cases.add(new Case("huge header", given().auth().oauth2(admin).header("X-Junk", "j".repeat(20_000)),
                Method.GET, imports, 431));
        cases.add(new Case("unknown path", given().auth().oauth2(admin), Method.GET, imports + "/a/b/c", 404));

        for (Case c : cases) {
            Response answer = c.request().request(c.method(), c.path());
            assertThat(answer.statusCode()).as(c.name()).isEqualTo(c.status());
            if (c.status() != 431) {
                assertThat(answer.asString()).as(c.name() + " has a JSON code").contains("\"code\":");
            }
        }
        given().auth().oauth2(admin).get(imports).then().statusCode(200);
    }

    @Test
    void anAccountIdThatIsNotAStringNeverStandsForAnAccount() {
        String numeric = "12345";
        given().auth().oauth2(ForgedTokens.claims(numeric, c -> c.put("account_id", 12345)))
                .get("/api/v1/accounts/" + numeric + "/imports").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().auth().oauth2(ForgedTokens.claims(numeric, c -> c.putArray("account_id").add(numeric)))
                .get("/api/v1/accounts/" + numeric + "/imports").then().statusCode(401);
        given().auth().oauth2(ForgedTokens.claims(numeric, c -> { }))
                .get("/api/v1/accounts/" + numeric + "/imports").then().statusCode(200);
    }

    @Test
    void withoutATokenTheAnswerIs401BeforeAnyOtherCheck() {
        given().get("/api/v1/accounts/a%20b/imports").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().get("/api/v1/accounts/" + account + "/imports/%27%20OR%201").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"confirmIrreversible\": true, \"pad\": \"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/accounts/" + account + "/imports").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().get("/api/v1/accounts/" + account + "/imports?size=abc").then().statusCode(401);
    }

    @Test
    void everyStartAndEveryRefusedStartIsAudited() {
        String admin = DevTokens.token(account, "Admin", "alice");
        String imports = "/api/v1/accounts/" + account + "/imports";
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").post(imports).then().statusCode(400);
        given().auth().oauth2(DevTokens.token(account, "Staff", "sam")).contentType(ContentType.JSON)
                .body("{\"confirmIrreversible\": true}").post(imports).then().statusCode(403);
        String importId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"confirmIrreversible\": true}")
                .post(imports).then().statusCode(202).extract().path("importId");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> audit = given().auth().oauth2(admin).get("/api/v1/accounts/" + account + "/audit")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(audit).extracting(a -> a.get("outcome"))
                    .containsExactlyInAnyOrder("CONFIRMATION_REQUIRED", "FORBIDDEN", "STARTED");
            assertThat(audit).filteredOn(a -> "STARTED".equals(a.get("outcome"))).singleElement().satisfies(a -> {
                assertThat(a.get("userId")).isEqualTo("alice");
                assertThat(a.get("role")).isEqualTo("Admin");
                assertThat(a.get("importId")).isEqualTo(importId);
                assertThat(a.get("at")).isNotNull();
            });
            assertThat(audit).filteredOn(a -> "FORBIDDEN".equals(a.get("outcome")))
                    .extracting(a -> a.get("role")).containsExactly("Staff");
        });
    }

    @Test
    void brightSupportReadsAnyAccountAndCancelsButNeverStartsAndEveryAccessIsAudited() {
        String admin = DevTokens.token(account, "Admin", "alice");
        String support = DevTokens.support("sue");
        String imports = "/api/v1/accounts/" + account + "/imports";
        String importId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"confirmIrreversible\": true}")
                .post(imports).then().statusCode(202).extract().path("importId");

        given().auth().oauth2(support).get(imports).then().statusCode(200).body("[0].importId", equalTo(importId));
        given().auth().oauth2(support).get(imports + "/" + importId).then().statusCode(200);
        given().auth().oauth2(support).contentType(ContentType.JSON).body("{\"confirmIrreversible\": true}").post(imports)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(support).get("/api/v1/support/imports?size=1000").then().statusCode(200)
                .body("importId", org.hamcrest.Matchers.hasItem(importId));
        given().auth().oauth2(support).get("/api/v1/support/imports?status=CANCELLED&stalled=false").then().statusCode(200)
                .body("importId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(importId)));
        for (String bad : List.of("status=DONE", "stalled=maybe", "page=-1", "size=0", "size=1001", "size=abc")) {
            given().auth().oauth2(support).get("/api/v1/support/imports?" + bad).then().statusCode(400)
                    .body("code", equalTo("INVALID_PARAMETER"));
        }
        given().auth().oauth2(admin).get("/api/v1/support/imports").then().statusCode(403);
        given().auth().oauth2(support).post(imports + "/" + importId + "/cancel").then().statusCode(202)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("sue (Support)"));
        given().auth().oauth2(support).get("/api/v1/support/imports?status=CANCELLED&size=1000").then().statusCode(200)
                .body("importId", org.hamcrest.Matchers.hasItem(importId));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> audit = given().auth().oauth2(admin).get("/api/v1/accounts/" + account + "/audit")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(audit).filteredOn(a -> "sue".equals(a.get("userId")))
                    .extracting(a -> a.get("action") + " " + a.get("outcome"))
                    .contains("CANCEL_IMPORT CANCELLED", "START_IMPORT FORBIDDEN", "SUPPORT_ACCESS ALLOWED");
            assertThat(audit).filteredOn(a -> "SUPPORT_ACCESS".equals(a.get("action")))
                    .extracting(a -> (String) a.get("message"))
                    .contains("GET " + imports, "GET " + imports + "/" + importId, "POST " + imports + "/" + importId + "/cancel");
        });
    }

    @Test
    void thePreflightAppliesTheSameRulesAsTheValidator() {
        given().auth().oauth2(DevTokens.token(account, "Owner", "olga"))
                .get("/api/v1/accounts/" + account + "/imports/preflight")
                .then().statusCode(200)
                .body("brightClientEnabled", equalTo(true))
                .body("clients", equalTo(3))
                .body("alreadyLinked", equalTo(0))
                .body("excluded", equalTo(1))
                .body("wouldFail", equalTo(1))
                .body("wouldImport", equalTo(1))
                .body("failuresByReason.REQUIRED_FIELD_BLANK", equalTo(2))
                .body("failuresByReason.ADDRESS_LINE_1_MISSING", equalTo(1))
                .body("failuresByReason.CONTACT_ROLE_MISSING", equalTo(1));
    }

    @Test
    void theOpenApiDocumentNamesTheSecuritySchemeAndTheErrors() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.BrightHubJWT.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/accounts/{accountId}/imports'.post.responses.'409'", notNullValue());
    }
}
