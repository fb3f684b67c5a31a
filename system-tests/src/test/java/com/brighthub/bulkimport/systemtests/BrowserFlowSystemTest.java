package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.brighthub.bulkimport.devtools.ClientFixer;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The help article walked in a real browser (headless Chromium) on the whole system: an Admin signs in,
 * opens the Integration page, reads the pre-flight, confirms, starts, watches the bar reach 100 %, reads
 * the report, filters it, downloads the failures, fixes a client in BrightManager and sees its row turn
 * RESOLVED, and runs the import again. Then: Staff learns why there is no Get Started, another practice's
 * report is refused, and Support cancels a stalled import. Each page is saved under target/screenshots.
 */
class BrowserFlowSystemTest {

    static LocalStack stack;
    static Browser browser;
    static WebDriver web;

    @BeforeAll
    static void start() throws IOException {
        stack = LocalStack.get();
        browser = Browser.open();
        web = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Signs in with the local stack's dev sign-in, as a person picks account and role. */
    static void signIn(String account, String role, String user) {
        web.manage().deleteAllCookies();
        web.get(stack.url("import-api") + "/ui/sign-in");
        WebElement accountField = web.findElement(By.id("account"));
        accountField.clear();
        if (account != null) {
            accountField.sendKeys(account);
        }
        new Select(web.findElement(By.id("role"))).selectByVisibleText(role);
        WebElement userField = web.findElement(By.id("user"));
        userField.clear();
        userField.sendKeys(user);
        web.findElement(By.id("sign-in")).click();
    }

    /** An element's text; a live part of the page may replace the element between finding and reading it. */
    static String text(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                return web.findElement(By.id(id)).getText().trim();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    static boolean present(String id) {
        return !web.findElements(By.id(id)).isEmpty();
    }

    @Test
    void anAdminWalksTheArticleFromIntegrationToAFixedClientAndARerun() throws IOException {
        Practice practice = new Practice(stack).withBrightClient(true);
        JsonNode expected = practice.generate(800, 1907L);
        long total = expected.path("generatedClients").asLong();

        signIn(practice.account, "Admin", "admin@practice");
        await("signed in").atMost(Duration.ofSeconds(10)).until(() -> present("get-started"));
        assertThat(web.getCurrentUrl()).endsWith("/ui/accounts/" + practice.account + "/integration");
        browser.screenshot("1-integration");
        web.findElement(By.id("get-started")).click();

        await("pre-flight").atMost(Duration.ofSeconds(60)).until(() -> present("pf-clients"));
        assertThat(Long.parseLong(text("pf-clients"))).isEqualTo(total);
        assertThat(Long.parseLong(text("pf-fail"))).isPositive();
        assertThat(text("irreversible")).contains("cannot be undone");
        assertThat(web.findElement(By.id("would-fail-csv")).getAttribute("href")).endsWith("/preflight/would-fail.csv");
        browser.screenshot("2-preflight");

        web.findElement(By.id("start-import")).click();
        await("refused without the tick").atMost(Duration.ofSeconds(10)).until(() -> present("problem"));
        assertThat(text("problem")).contains("Tick the box");
        web.findElement(By.id("confirm")).click();
        web.findElement(By.id("start-import")).click();
        await("started").atMost(Duration.ofSeconds(10)).until(() -> present("bar"));
        assertThat(web.getCurrentUrl()).contains("/ui/accounts/" + practice.account + "/imports/");
        assertThat(text("status")).as("drawn while it runs, so the page must move on by itself").isEqualTo("RUNNING");
        assertThat(web.findElement(By.id("progress")).getAttribute("data-live")).isNotNull();
        await("under way").atMost(Duration.ofMinutes(1)).until(() -> !text("percent").equals("0 %"));
        browser.screenshot("3-progress");

        // the bar moves by itself (the page refreshes its live part): no reload here
        await("the bar reaches 100 %").atMost(Duration.ofMinutes(2)).until(() -> present("view-report"));
        assertThat(text("percent")).isEqualTo("100 %");
        assertThat(text("status")).isEqualTo("COMPLETED");
        String importId = web.getCurrentUrl().substring(web.getCurrentUrl().lastIndexOf('/') + 1);
        browser.screenshot("4-completed");

        web.findElement(By.id("view-report")).click();
        await("the report").atMost(Duration.ofSeconds(10)).until(() -> present("imported"));
        assertThat(web.getCurrentUrl()).startsWith(stack.url("report-service"));
        JsonNode report = practice.report(importId);
        assertThat(Long.parseLong(text("imported"))).isEqualTo(report.path("imported").asLong())
                .isEqualTo(expected.path("validClients").asLong());
        assertThat(Long.parseLong(text("failed"))).isEqualTo(expected.path("failedClients").asLong());
        assertThat(Long.parseLong(text("excluded"))).isEqualTo(expected.path("excluded").asLong());
        assertThat(web.findElements(By.cssSelector("svg.chart rect"))).hasSize(report.path("reasons").size());
        browser.screenshot("5-report");

        new Select(web.findElement(By.id("reason"))).selectByValue(ReasonCode.ADDRESS_LINE_1_MISSING.name());
        web.findElement(By.id("filter")).click();
        await("filtered").atMost(Duration.ofSeconds(10))
                .until(() -> web.getCurrentUrl().contains("reason=" + ReasonCode.ADDRESS_LINE_1_MISSING.name()));
        List<WebElement> rows = web.findElements(By.cssSelector("#failures tr[data-client]"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("Address Line 1 is missing"));
        String clientId = rows.get(0).getAttribute("data-client");
        browser.screenshot("6-report-filtered");

        web.findElement(By.id("csv")).click();
        Path csv = await("the failures file").atMost(Duration.ofSeconds(30)).until(() -> downloaded(".csv"), f -> f != null);
        long rowsInReport = report.path("reasons").findValues("rows").stream().mapToLong(JsonNode::asLong).sum();
        try (var parsed = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv))) {
            assertThat(parsed.getRecords()).hasSize((int) rowsInReport);
        }

        ResyncSystemTest.save(practice, clientId,
                ClientFixer.fix(ResyncSystemTest.client(practice, clientId), EnumSet.allOf(ReasonCode.class)));
        await("its row turns RESOLVED by itself").atMost(Duration.ofMinutes(1)).until(() -> web.findElements(
                By.cssSelector("#failures tr[data-client='" + clientId + "'] td.status-RESOLVED")).size() > 0);
        ((org.openqa.selenium.JavascriptExecutor) web).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                web.findElement(By.cssSelector("#failures tr[data-client='" + clientId + "']")));
        browser.screenshot("7-report-resolved");

        web.get(stack.url("import-api") + "/ui/accounts/" + practice.account + "/integration");
        web.findElement(By.id("get-started")).click();
        await("second pre-flight").atMost(Duration.ofSeconds(60)).until(() -> present("pf-linked")
                && Long.parseLong(text("pf-linked")) > 0);
        web.findElement(By.id("confirm")).click();
        web.findElement(By.id("start-import")).click();
        await("the re-run completes").atMost(Duration.ofMinutes(2)).until(() -> present("view-report"));
        web.findElement(By.id("view-report")).click();
        await("the second report").atMost(Duration.ofSeconds(10)).until(() -> present("already-linked"));
        assertThat(Long.parseLong(text("already-linked"))).isEqualTo(expected.path("validClients").asLong() + 1);
        assertThat(Long.parseLong(text("imported"))).isZero();

        web.get(stack.url("import-api") + "/ui/accounts/" + practice.account + "/imports");
        assertThat(web.findElements(By.cssSelector("#imports tbody tr"))).hasSize(2);
        web.get(stack.url("import-api") + "/ui/accounts/" + practice.account + "/audit");
        assertThat(web.findElement(By.id("audit")).getText()).contains("START_IMPORT").contains("CONFIRMATION_REQUIRED");
        browser.screenshot("8-audit");
    }

    @Test
    void staffLearnsWhyThereIsNoGetStartedAndAnotherPracticesReportIsRefused() {
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(20, 7L);
        String importId = practice.importToCompletion();

        signIn(practice.account, "Staff", "staff@practice");
        await("signed in").atMost(Duration.ofSeconds(10)).until(() -> present("why-not"));
        assertThat(present("get-started")).isFalse();
        assertThat(text("why-not")).contains("Only an Admin or Owner of the practice can run the bulk import");
        browser.screenshot("9-integration-staff");

        Practice other = new Practice(stack).withBrightClient(true);
        signIn(other.account, "Admin", "admin@other");
        web.get(stack.url("report-service") + "/ui/accounts/" + practice.account + "/imports/" + importId + "/report");
        assertThat(web.findElement(By.tagName("main")).getText()).contains("You do not have access to this account")
                .doesNotContain("imported");
        web.get(stack.url("report-service") + "/ui/accounts/" + other.account + "/imports/" + importId + "/report");
        assertThat(web.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    @Test
    void supportFindsAStalledImportFirstAndCancelsIt() {
        Practice practice = new Practice(stack).withBrightClient(true);
        practice.generate(300, 11L);
        String importId = Practice.expect(practice.startImport(), 202).body().path("importId").asText();
        practice.faults("{\"latencyMs\": 0, \"errorRate\": 1.0, \"status\": 503, \"throttleRate\": 0.0}");
        try {
            await("stalled").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> practice.status(importId).path("stalled").asBoolean()
                            || !"RUNNING".equals(practice.status(importId).path("status").asText()));
            assertThat(practice.status(importId).path("status").asText()).isEqualTo("RUNNING");

            signIn(null, "Support", "sam@bright");
            await("signed in").atMost(Duration.ofSeconds(10)).until(() -> present("stalled"));
            assertThat(web.getCurrentUrl()).endsWith("/ui/support/imports");
            assertThat(web.findElement(By.id("stalled")).getText()).contains(practice.account);
            browser.screenshot("10-support-console");
            web.findElement(By.id("cancel-" + importId)).click();
            await("the confirmation").atMost(Duration.ofSeconds(10)).until(() -> present("confirm-cancel"));
            browser.screenshot("11-support-cancel");
            web.findElement(By.id("confirm-cancel")).click();
            await("back on the console").atMost(Duration.ofSeconds(10))
                    .until(() -> web.getCurrentUrl().endsWith("/ui/support/imports"));
            assertThat(practice.status(importId).path("status").asText()).isEqualTo("CANCELLED");
            assertThat(web.findElement(By.id("stalled")).getText()).doesNotContain(practice.account);
            assertThat(web.findElement(By.id("recent")).getText()).contains(practice.account).contains("CANCELLED");
        } finally {
            practice.faults("{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        }
    }

    private static Path downloaded(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(browser.downloads())) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }
}
