package com.brighthub.bulkimport.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.devtools.DevTokens;
import com.brighthub.bulkimport.devtools.ForgedTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may read reports, endpoint by endpoint, and what hostile input gets.
 */
@QuarkusTest
class ReportSecurityTest {

    final String account = "ACC-" + UUID.randomUUID();
    final String base = "/api/v1/accounts/" + account + "/imports/" + UUID.randomUUID();

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheContractSays() {
        List<String> table = new ArrayList<>();
        for (String path : List.of(base + "/report", base + "/failures", base + "/failures.csv")) {
            for (Map.Entry<String, ForgedTokens.Caller> caller : ForgedTokens.callers(account).entrySet()) {
                int want = caller.getValue().denied() != null ? caller.getValue().denied() : 404;
                var request = given();
                if (caller.getValue().token() != null) {
                    request = request.header("Authorization", "Bearer " + caller.getValue().token());
                }
                Response answer = request.get(path);
                table.add("GET " + path.replace(account, "{acc}").replaceAll("[0-9a-f-]{36}", "{importId}") + " | "
                        + caller.getKey() + " | " + answer.statusCode());
                assertThat(answer.statusCode()).as(path + " as " + caller.getKey()).isEqualTo(want);
                assertThat(answer.asString()).as("JSON error body").contains("\"code\":");
            }
        }
        System.out.println("security table (report-service):\n" + String.join("\n", table));
    }

    @Test
    void hostileQueriesAndIdsGetA4xxWithACode() {
        String admin = DevTokens.token(account, "Admin", "alice");
        record Case(String path, int status) {
        }
        List<Case> cases = List.of(
                new Case(base + "/failures?page=-1", 400),
                new Case(base + "/failures?size=0", 400),
                new Case(base + "/failures?size=100000", 400),
                new Case(base + "/failures?reason=DROP%20TABLE", 400),
                new Case(base + "/failures?status=MAYBE", 400),
                new Case("/api/v1/accounts/" + account + "/imports/%27%3B--/report", 400),
                new Case("/api/v1/accounts/" + account + "/imports/" + "x".repeat(300) + "/report", 400),
                new Case(base + "/report/extra", 404));
        for (Case c : cases) {
            Response answer = given().auth().oauth2(admin).get(c.path());
            assertThat(answer.statusCode()).as(c.path()).isEqualTo(c.status());
            assertThat(answer.asString()).as(c.path() + " has a code").contains("\"code\":");
        }
        given().auth().oauth2(admin).get(base + "/report").then().statusCode(404);
    }
}
