package com.brighthub.bulkimport.report.rest;

import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.FailureRow;
import com.brighthub.bulkimport.common.api.CsvCells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes failure rows as the failures file of contracts.md with commons-csv. Every cell is safe to open
 * in a spreadsheet: a value that would start a formula is prefixed with an apostrophe (OWASP's advice
 * on CSV injection, see {@link #safe}), while commas, quotes, line breaks and any Unicode survive a round trip.
 */
public final class FailureCsv implements AutoCloseable {

    /** The columns, in order. */
    public static final String[] HEADER = {"client_id", "client_reference", "client_name", "reason_code", "reason",
        "detail", "how_to_fix", "status", "resolved_at"};

    private final CSVPrinter printer;

    public FailureCsv(Writer out) {
        try {
            this.printer = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row. */
    public void write(FailureRow row) {
        ReasonCode code = ReasonCode.valueOf(row.reasonCode());
        try {
            // every cell, ours too: a fix text quotes the record's own values
            printer.printRecord(safe(row.clientId()), safe(row.clientReference()), safe(row.clientName()),
                    safe(code.name()), safe(code.reason()), safe(row.detail()), safe(code.howToFix(row.detail())),
                    safe(row.status()), row.resolvedAt() == null ? "" : row.resolvedAt().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell a spreadsheet shows as text, never runs as a formula: see {@link CsvCells#safe}. */
    public static String safe(String value) {
        return CsvCells.safe(value);
    }

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
