package com.brighthub.bulkimport.common.api;

import java.util.Arrays;
import java.util.Set;

/**
 * Reads query parameters for every API the same way: absent or blank is the default; anything
 * malformed or out of range is 400 {@code INVALID_PARAMETER} naming the parameter and what it may be.
 * Parameters arrive as strings, so a malformed number is this answer too (not JAX-RS's 404).
 */
public final class QueryParams {

    /** The largest page any list answers. */
    public static final int MAX_PAGE_SIZE = 1000;

    private QueryParams() {
    }

    /** A page number from 0. */
    public static int page(String value) {
        return number("page", value, 0, 0, Integer.MAX_VALUE);
    }

    /** A page size from 1 to {@link #MAX_PAGE_SIZE}. */
    public static int size(String value, int fallback) {
        return number("size", value, fallback, 1, MAX_PAGE_SIZE);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name + " must be a whole number from " + min + " to " + max);
    }

    /** true or false, or null when absent. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw invalid(name + " must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** One of an enum's names, or null when absent. */
    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** One of the given words, or null when absent. */
    public static String oneOf(String name, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value.strip())) {
            throw invalid(name + " must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value.strip();
    }

    private static ApiException invalid(String message) {
        return new ApiException(ApiError.INVALID_PARAMETER, message);
    }
}
