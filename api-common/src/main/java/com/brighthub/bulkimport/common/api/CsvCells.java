package com.brighthub.bulkimport.common.api;

/**
 * Cells of the files admins download (the failures file, the clients a pre-flight expects to fail),
 * made safe to open in a spreadsheet.
 */
public final class CsvCells {

    /** The characters that start a formula, in ASCII and fullwidth. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    private CsvCells() {
    }

    /**
     * Neutralises a value a spreadsheet would run as a formula: one whose first visible character is
     * {@code = + - @} (or their fullwidth forms {@code ＝ ＋ － ＠}, which some spreadsheets fold to ASCII),
     * even behind leading whitespace of any kind (Unicode too) or control characters (NUL, tab, CR, LF),
     * and one that starts with a tab or a control character at all. It is prefixed with an apostrophe,
     * which a spreadsheet shows as text; nothing else about the value changes (OWASP's advice on CSV
     * injection).
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
}
