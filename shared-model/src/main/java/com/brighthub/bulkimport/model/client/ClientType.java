package com.brighthub.bulkimport.model.client;

import java.util.Optional;

/**
 * BrightManager's client types; Self-Assessment clients are not supported by BrightClient yet.
 */
public enum ClientType {
    LIMITED_COMPANY(true),
    LLP(true),
    PARTNERSHIP(false),
    SOLE_TRADER(false),
    CHARITY(false),
    TRUST(false),
    CLUB_SOCIETY(false),
    SELF_ASSESSMENT(false);

    private final boolean needsCompanyNumber;

    ClientType(boolean needsCompanyNumber) {
        this.needsCompanyNumber = needsCompanyNumber;
    }

    /** Incorporated types must carry a Companies House number. */
    public boolean needsCompanyNumber() {
        return needsCompanyNumber;
    }

    /** The type named by {@code value}, or empty for a blank or unknown value. */
    public static Optional<ClientType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
