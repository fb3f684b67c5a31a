package com.brighthub.bulkimport.model.events;

/**
 * Stable failure and exclusion codes (contracts.md), with the words users see and the fix from the
 * help article.
 */
public enum ReasonCode {
    ADDRESS_LINE_1_MISSING(
            "Address Line 1 is missing",
            "Open the client file and add at least Address Line 1 to the relevant address section."
                    + " The record will sync to BrightClient automatically when you save.",
            false),
    CONTACT_ROLE_MISSING(
            "Contact has no role assigned",
            "Open the client file, navigate to the contact, and select an appropriate role from the Role"
                    + " dropdown. The record will sync to BrightClient automatically when you save.",
            false),
    REQUIRED_FIELD_BLANK(
            "Required field is blank",
            "Open the client file and complete the missing field. Check for any validation messages on the"
                    + " record. The record will sync to BrightClient automatically when you save.",
            false),
    BRIGHTCLIENT_REJECTED(
            "BrightClient rejected the record",
            "Correct the record in BrightManager as BrightClient's message describes, then save it."
                    + " If the message is unclear, contact Bright Support.",
            false),
    BRIGHTCLIENT_UNAVAILABLE(
            "BrightClient could not take the record",
            "No change is needed: BrightClient kept failing for this one record while it took the others."
                    + " It is tried again by itself the next time the client is saved in BrightManager, or on a"
                    + " new import. If it keeps failing, contact Bright Support.",
            false),
    RECORD_UNREADABLE(
            "The client file could not be read",
            "Contact Bright Support: the client file is too large for the import or could not be read"
                    + " (the detail says which).",
            false),
    SELF_ASSESSMENT(
            "Client type is Self-Assessment",
            "Self-Assessment clients are not currently supported in BrightClient and are excluded"
                    + " automatically. No action required.",
            true);

    private final String reason;
    private final String howToFix;
    private final boolean exclusion;

    ReasonCode(String reason, String howToFix, boolean exclusion) {
        this.reason = reason;
        this.howToFix = howToFix;
        this.exclusion = exclusion;
    }

    /** The reason as shown to users. */
    public String reason() {
        return reason;
    }

    /** How to fix it in BrightManager, in the help article's words. */
    public String howToFix() {
        return howToFix;
    }

    /**
     * How to fix this reason for a failure with {@code detail}: for a blank required field the advice
     * names the field as BrightManager labels it.
     */
    public String howToFix(String detail) {
        if (this == REQUIRED_FIELD_BLANK) {
            return com.brighthub.bulkimport.model.rules.RequiredField.byKey(detail)
                    .map(f -> "Open the client file and complete the " + f.label() + " field. Check for any"
                            + " validation messages on the record. The record will sync to BrightClient"
                            + " automatically when you save.")
                    .orElse(howToFix);
        }
        return howToFix;
    }

    /** True for exclusions (counted as excluded, no failure row), false for failures. */
    public boolean isExclusion() {
        return exclusion;
    }
}
