package com.brighthub.bulkimport.report.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.report.persistence.FailureRow;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureCsvTest {

    static List<CSVRecord> roundTrip(FailureRow... rows) throws Exception {
        StringWriter out = new StringWriter();
        try (FailureCsv csv = new FailureCsv(out)) {
            for (FailureRow row : rows) {
                csv.write(row);
            }
        }
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
    }

    static FailureRow row(String clientId, String reference, String name, String detail) {
        return new FailureRow(1, clientId, reference, name, "ADDRESS_LINE_1_MISSING", detail, "OPEN",
                Instant.parse("2026-11-30T10:00:00Z"), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+44 20 7946 0000", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1",
        "\n=1+1", "\u0000=1+1", "  =1+1", " \t -2", "\u3000=1+1", "\u00A0+1", "\uFEFF=1", "\u001F@x", "\uFF1D1+1",
        "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)", " \u3000\uFF1D1", "\u0007plain", "\tplain", " \u0000=1", " \uFEFF=1",
        "\u2003@x"})
    void aValueThatWouldStartAFormulaIsTextInEveryCellItCanReach(String value) throws Exception {
        CSVRecord r = roundTrip(row(value, value, value, value)).get(0);

        for (String column : List.of("client_id", "client_reference", "client_name", "detail")) {
            assertThat(r.get(column)).as(column).isEqualTo("'" + value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Smith & Sons", "O'Brien Ltd", "12 High St, Leeds", "Line\nbreak \"quoted\"",
        "Zoë Ævarsdóttir – 株式会社", "2+2=4", "a-b", "mail@example.com", "   ", "\u3000"})
    void anyOtherValueSurvivesTheRoundTripUnchanged(String value) throws Exception {
        CSVRecord r = roundTrip(row(value, value, value, value)).get(0);

        assertThat(r.get("client_name")).isEqualTo(value);
        assertThat(r.get("detail")).isEqualTo(value);
    }

    @Test
    void aRowHasTheHeaderColumnsTheReasonItsFixAndItsStatus() throws Exception {
        FailureRow resolved = new FailureRow(2, "C-7", "REF-7", "Ada Ltd", "REQUIRED_FIELD_BLANK", "Company number",
                "RESOLVED", Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T11:00:00Z"));

        List<CSVRecord> records = roundTrip(row("C-1", "REF-1", "Bob", null), resolved);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).getParser().getHeaderNames()).containsExactly(FailureCsv.HEADER);
        assertThat(records.get(0).get("reason_code")).isEqualTo("ADDRESS_LINE_1_MISSING");
        assertThat(records.get(0).get("reason")).isEqualTo("Address Line 1 is missing");
        assertThat(records.get(0).get("detail")).isEmpty();
        assertThat(records.get(0).get("status")).isEqualTo("OPEN");
        assertThat(records.get(0).get("resolved_at")).isEmpty();
        assertThat(records.get(1).get("client_id")).isEqualTo("C-7");
        assertThat(records.get(1).get("how_to_fix")).isNotBlank().doesNotStartWith("'");
        assertThat(records.get(1).get("status")).isEqualTo("RESOLVED");
        assertThat(records.get(1).get("resolved_at")).isEqualTo("2026-11-30T11:00:00Z");
    }

    @Test
    void everythingWrittenReachesTheOutputByClose() throws Exception {
        StringWriter target = new StringWriter();
        java.io.BufferedWriter buffered = new java.io.BufferedWriter(target, 1 << 16);
        try (FailureCsv csv = new FailureCsv(buffered)) {
            csv.write(row("C-1", "R", "N", "D"));
        }

        assertThat(target.toString()).startsWith("client_id,").contains("C-1,R,N");
    }

    @Test
    void nothingIsEmpty() {
        assertThat(FailureCsv.safe(null)).isEmpty();
        assertThat(FailureCsv.safe("")).isEmpty();
    }
}
