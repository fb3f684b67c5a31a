package com.brighthub.bulkimport.report.rest;

import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.report.persistence.FailureRow;
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

    /**
     * Neutralises a value a spreadsheet would run as a formula: one whose first visible character is
     * {@code = + - @} (or their fullwidth forms {@code ＝ ＋ － ＠}, which some spreadsheets fold to ASCII),
     * even behind leading whitespace of any kind (Unicode too) or control characters (NUL, tab, CR, LF),
     * and one that starts with a tab or a control character at all. It is prefixed with an apostrophe,
     * which a spreadsheet shows as text; nothing else about the value changes.
     */
    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (Character.isISOControl(value.charAt(0))) {
            return "'" + value;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '\uFEFF') {
                continue;
            }
            return FORMULA_STARTS.indexOf(c) >= 0 ? "'" + value : value;
        }
        return value;
    }

    /** The characters that start a formula, in ASCII and fullwidth. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
