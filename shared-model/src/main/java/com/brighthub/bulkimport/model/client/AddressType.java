package com.brighthub.bulkimport.model.client;

/**
 * The sections of a client file an address can sit in, with the label BrightManager shows.
 */
public enum AddressType {
    REGISTERED_OFFICE("Registered Office"),
    TRADING("Trading"),
    POSTAL("Postal"),
    INVOICE("Invoice"),
    BANK("Bank"),
    SAIL("SAIL"),
    OFFICER_SERVICE("Officer Service"),
    RESIDENTIAL("Residential");

    private final String label;

    AddressType(String label) {
        this.label = label;
    }

    /** The label a user sees in BrightManager. */
    public String label() {
        return label;
    }

    /** The label for a type name, or the raw value when it is not one we know. */
    public static String labelOf(String value) {
        if (value == null || value.isBlank()) {
            return "Untyped";
        }
        for (AddressType t : values()) {
            if (t.name().equals(value.strip())) {
                return t.label;
            }
        }
        return value.strip();
    }
}
