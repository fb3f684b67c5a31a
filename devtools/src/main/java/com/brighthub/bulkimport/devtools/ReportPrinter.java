package com.brighthub.bulkimport.devtools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prints an import's summary report in the terminal.
 */
final class ReportPrinter {

    private ReportPrinter() {
    }

    static void print(JsonNode r) {
        System.out.printf("   %-34s %s%n", "Status", r.path("status").asText()
                + (r.path("stalled").asBoolean() ? " (stalled: no progress lately)" : ""));
        if (!r.path("failureReason").asText("").isEmpty()) {
            System.out.printf("   %-34s %s%n", "Why it failed", r.path("failureReason").asText());
        }
        System.out.printf("   %-34s %,9d%n", "Clients in BrightManager", r.path("total").asLong());
        System.out.printf("   %-34s %,9d%n", "Already linked (skipped)", r.path("alreadyLinked").asLong());
        System.out.printf("   %-34s %,9d%n", "Excluded (Self-Assessment)", r.path("excluded").asLong());
        System.out.printf("   %-34s %,9d%n", "Imported successfully", r.path("imported").asLong());
        System.out.printf("   %-34s %,9d%n", "Failed", r.path("failed").asLong());
        if (r.path("resolvedSinceImport").asLong() > 0) {
            System.out.printf("   %-34s %,9d%n", "Fixed and synced since", r.path("resolvedSinceImport").asLong());
        }
        if (r.path("notProcessed").asLong() > 0) {
            System.out.printf("   %-34s %,9d%n", "Not processed (import ended first)", r.path("notProcessed").asLong());
        }
        if ("RUNNING".equals(r.path("status").asText())) {
            System.out.printf("   %-34s %,9d%s%n", "Still in progress", r.path("outstanding").asLong(),
                    r.path("etaSeconds").isNumber() ? "  (about " + r.path("etaSeconds").asLong() + " s to go)" : "");
        }
        System.out.println("   Failures by reason (a client may have several):");
        for (JsonNode reason : r.path("reasons")) {
            System.out.printf("     %-32s %,9d   %s%n", reason.path("reason").asText(), reason.path("rows").asLong(),
                    reason.path("code").asText());
        }
        long sum = r.path("alreadyLinked").asLong() + r.path("excluded").asLong() + r.path("imported").asLong()
                + r.path("failed").asLong() + r.path("notProcessed").asLong();
        System.out.printf("   Check: already linked + excluded + imported + failed + not processed = %,d (total %,d)%n",
                sum, r.path("total").asLong());
    }
}
