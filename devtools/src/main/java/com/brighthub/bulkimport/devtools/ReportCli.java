package com.brighthub.bulkimport.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./bright report IMPORT_ID [--account ACC] [--csv FILE]}: prints an import's summary and saves its
 * failures file. The account is remembered for imports the demo started; otherwise pass it.
 */
public final class ReportCli {

    private ReportCli() {
    }

    public static void main(String[] args) {
        String importId = null;
        String account = null;
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--account" -> account = args[++i];
                case "--csv" -> csv = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("--") || importId != null) {
                        usage("unknown option " + args[i]);
                    }
                    importId = args[i];
                }
            }
        }
        if (importId == null) {
            usage("IMPORT_ID is required");
        }
        if (account == null) {
            account = remembered(importId);
            if (account == null) {
                usage("which account? pass --account ACC (only imports the demo started are remembered)");
            }
        }
        StackClient stack = new StackClient();
        String token = DevTokens.token(account, "Admin", "bright-report");
        String base = stack.reportService() + "/api/v1/accounts/" + account + "/imports/" + importId;
        StackClient.Answer report = stack.get(base + "/report", token);
        if (report.status() != 200) {
            System.err.println("bright report: " + report.status() + " " + report.raw());
            System.exit(1);
        }
        System.out.println("Import " + importId + " of account " + account);
        ReportPrinter.print(report.body());
        if (csv != null) {
            int status = stack.download(base + "/failures.csv", token, csv);
            if (status != 200) {
                System.err.println("bright report: the failures file answered " + status);
                System.exit(1);
            }
            System.out.println("Failures file saved to " + csv.toAbsolutePath());
        }
    }

    /** Remembers which account an import belongs to, for {@code ./bright report}. */
    static void remember(String importId, String account) {
        try {
            Path dir = dir();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(importId), account, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String remembered(String importId) {
        Path file = dir().resolve(importId.replaceAll("[^A-Za-z0-9-]", "_"));
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir() {
        String data = System.getenv("BRIGHT_DATA_DIR");
        return Path.of(data == null || data.isBlank() ? ".local" : data, "imports");
    }

    private static void usage(String problem) {
        System.err.println("bright report: " + problem);
        System.err.println("usage: ./bright report IMPORT_ID [--account ACC] [--csv FILE]");
        System.exit(2);
    }
}
