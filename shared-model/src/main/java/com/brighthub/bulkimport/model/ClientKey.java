package com.brighthub.bulkimport.model;

import java.util.Optional;

/**
 * One practice's client, as a key: the one form used for Kafka keys, BrightClient idempotency keys and
 * in-memory and store keys, so two tenants can never collide. Ids may contain {@code :}, so the text form
 * escapes it (and the escape character): {@code %} as {@code %25}, {@code :} as {@code %3A}, then joins
 * the two parts with {@code :}. Account {@code a:b} with client {@code c} is {@code a%3Ab:c}; account
 * {@code a} with client {@code b:c} is {@code a:b%3Ac}. Ids without either character read as before.
 */
public record ClientKey(String accountId, String clientId) {

    public ClientKey {
        if (accountId == null || clientId == null) {
            throw new IllegalArgumentException("a client key needs an account id and a client id");
        }
    }

    public static ClientKey of(String accountId, String clientId) {
        return new ClientKey(accountId, clientId);
    }

    /** The text form: the Kafka key of the client's events. */
    public String value() {
        return escape(accountId) + ":" + escape(clientId);
    }

    /** The idempotency key of a create in BrightClient: this client's {@code attempt}-th try at being created. */
    public String idempotencyKey(int attempt) {
        return value() + ":" + attempt;
    }

    /** The key read back from its text form, or empty when it is not one. */
    public static Optional<ClientKey> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        if (colon < 0 || value.indexOf(':', colon + 1) >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClientKey(unescape(value.substring(0, colon)), unescape(value.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** One id made safe to join with {@code :}. */
    public static String escape(String id) {
        if (id.indexOf('%') < 0 && id.indexOf(':') < 0) {
            return id;
        }
        return id.replace("%", "%25").replace(":", "%3A");
    }

    private static String unescape(String part) {
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (part.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else if (part.startsWith("%3A", i)) {
                out.append(':');
                i += 2;
            } else {
                throw new IllegalArgumentException("not an escaped id: " + part);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value();
    }
}
