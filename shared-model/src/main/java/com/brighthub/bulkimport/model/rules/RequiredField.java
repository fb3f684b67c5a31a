package com.brighthub.bulkimport.model.rules;

/**
 * The fields a client file must have for BrightClient, named as in the BrightManager API
 * ({@link #key()}) and as on the BrightManager screen ({@link #label()}).
 */
public enum RequiredField {
    NAME("name", "Name"),
    TYPE("type", "Client type"),
    COMPANY_NUMBER("companyNumber", "Company number");

    private final String key;
    private final String label;

    RequiredField(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The field's name in the BrightManager API; this is the failure's {@code detail}. */
    public String key() {
        return key;
    }

    /** The field's label on the client file. */
    public String label() {
        return label;
    }

    /** The field whose API name is {@code key}, if any. */
    public static java.util.Optional<RequiredField> byKey(String key) {
        for (RequiredField f : values()) {
            if (f.key.equals(key)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
