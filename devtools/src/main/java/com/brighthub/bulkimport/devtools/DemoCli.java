package com.brighthub.bulkimport.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code ./bright demo}: a practice migrates its client database, as an admin would see it. Generates a
 * practice in the sandbox's BrightManager, starts the import as an Admin, follows it with a progress
 * bar and prints the summary report.
 */
public final class DemoCli {

    private final StackClient stack = new StackClient();

    private DemoCli() {
    }

    public static void main(String[] args) throws Exception {
        int clients = 2000;
        int fixes = 10;
        long seed = 2026;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--fix" -> fixes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ./bright demo [--clients N] [--fix N] [--seed S]");
                    System.exit(2);
                }
            }
        }
        new DemoCli().run(clients, fixes, seed);
    }

    void run(int clients, int fixes, long seed) throws InterruptedException {
        String account = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String admin = DevTokens.token(account, "Admin", "admin@hartley-shaw.example", Duration.ofHours(8));

        step("1. A practice with BrightClient enabled: " + account);
        expect(stack.put(stack.sandbox() + "/brightmanager/accounts/" + account, null,
                "{\"name\": \"Hartley & Shaw Accountants\", \"brightClientEnabled\": true}"), 200);
        StackClient.Answer generated = expect(stack.post(stack.sandbox() + "/brightmanager/accounts/" + account
                + "/generate?count=" + clients + "&seed=" + seed, null, null), 200);
        System.out.printf("   %d client files generated in BrightManager (%s .. %s)%n", clients,
                generated.body().path("firstClientId").asText(), generated.body().path("lastClientId").asText());

        step("2. The admin confirms the irreversible import and starts it");
        StackClient.Answer started = expect(stack.post(stack.importApi() + "/api/v1/accounts/" + account + "/imports",
                admin, "{\"confirmIrreversible\": true}"), 202);
        String importId = started.body().path("importId").asText();
        System.out.println("   import " + importId + " is " + started.body().path("status").asText());

        step("3. BrightClient processes the clients in batches");
        Instant begin = Instant.now();
        JsonNode status = follow(account, importId, admin);
        Duration took = Duration.between(begin, Instant.now());
        System.out.printf("   %s in %.1f s%n", status.path("status").asText(), took.toMillis() / 1000.0);

        step("4. The summary report");
        JsonNode report = reportAs(account, importId, admin, status.path("status").asText());
        ReportPrinter.print(report);
        ReportCli.remember(importId, account);

        String csv = stack.reportService() + report.path("failuresCsvPath").asText();
        System.out.println();
        System.out.println("Download the failures file (one row per reason, with how to fix it):");
        System.out.println("   ./bright report " + importId + " --csv failures.csv");
        System.out.println("or over HTTP:");
        System.out.println("   curl -H \"Authorization: Bearer $(./bright token --account " + account
                + " --role Admin)\" -o failures.csv \\");
        System.out.println("        " + csv);

        if (fixes > 0) {
            step("5. The admin fixes " + fixes + " failed clients in BrightManager and saves them");
            int synced = new FixRound(stack, account, admin).run(importId, fixes);
            long resolved = 0;
            for (Instant until = Instant.now().plusSeconds(60); resolved < synced && Instant.now().isBefore(until);) {
                resolved = expect(stack.get(stack.reportService() + "/api/v1/accounts/" + account + "/imports/"
                        + importId + "/report", admin), 200).body().path("resolvedSinceImport").asLong();
                if (resolved < synced) {
                    Thread.sleep(200);
                }
            }
            System.out.printf("   the report now shows %d failed clients resolved since the import%n", resolved);

            step("6. The admin re-runs the import: only clients not yet linked are processed");
            String rerunId = expect(stack.post(stack.importApi() + "/api/v1/accounts/" + account + "/imports", admin,
                    "{\"confirmIrreversible\": true}"), 202).body().path("importId").asText();
            JsonNode rerun = follow(account, rerunId, admin);
            ReportPrinter.print(reportAs(account, rerunId, admin, rerun.path("status").asText()));
            ReportCli.remember(rerunId, account);
        }

        System.out.println();
        System.out.println("See it all in a browser – the Integration page of this practice (sign in as its Admin:");
        System.out.println("account " + account + ", role Admin):");
        System.out.println("   " + stack.importApi() + "/ui/accounts/" + account + "/integration");
        System.out.println("The stack is still running: explore it, or stop it with ./bright down");
    }

    private JsonNode follow(String account, String importId, String token) throws InterruptedException {
        boolean tty = System.console() != null;
        int lastPrinted = -10;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode s = expect(stack.get(stack.importApi() + "/api/v1/accounts/" + account + "/imports/" + importId,
                    token), 200).body();
            int percent = s.path("percent").asInt();
            String line = bar(percent) + String.format(" %3d%%  %,d / %,d clients%s", percent,
                    s.path("processed").asLong(), s.path("total").asLong(), s.path("stalled").asBoolean() ? "  (stalled)" : "");
            if (tty) {
                System.out.print("\r   " + line);
            } else if (percent >= lastPrinted + 10 || !"RUNNING".equals(s.path("status").asText())) {
                System.out.println("   " + line);
                lastPrinted = percent;
            }
            if (!"RUNNING".equals(s.path("status").asText())) {
                if (tty) {
                    System.out.println();
                }
                return s;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the import did not finish within 30 minutes");
    }

    /** The report once it shows import-api's status (it follows within an event's delivery). */
    private JsonNode reportAs(String account, String importId, String token, String status) throws InterruptedException {
        JsonNode report;
        Instant deadline = Instant.now().plusSeconds(30);
        do {
            report = expect(stack.get(stack.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId
                    + "/report", token), 200).body();
            if (status.equals(report.path("status").asText())) {
                return report;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return report;
    }

    private static String bar(int percent) {
        int filled = percent * 40 / 100;
        return "[" + "#".repeat(filled) + "-".repeat(40 - filled) + "]";
    }

    private static void step(String text) {
        System.out.println();
        System.out.println(text);
    }

    private static StackClient.Answer expect(StackClient.Answer a, int status) {
        if (a.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + " but got " + a.status() + ": " + a.raw());
        }
        return a;
    }
}
