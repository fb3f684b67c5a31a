package com.brighthub.bulkimport.common.ui;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the pages show a moment: {@code {import.startedAt.shown}} gives "5 Dec 2026, 14:11:24 UTC", as people
 * read it, not an ISO instant with nanoseconds.
 */
@TemplateExtension
public final class Shown {

    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private Shown() {
    }

    static String shown(Instant at) {
        return at == null ? "" : AT.format(at);
    }
}
