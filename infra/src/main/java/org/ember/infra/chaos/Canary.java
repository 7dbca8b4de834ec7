package org.ember.infra.chaos;

import java.util.List;
import java.util.Locale;

/**
 * The personal data the fuzz campaign hides in unknown fields. Every value carries the marker, so a
 * leak is found by one search however the value was re-rendered around it.
 */
public final class Canary {
    /** Appears in no real data: any occurrence outside the feed topics is a leak. */
    public static final String MARKER = "qzvcanary";

    private Canary() {}

    /** The made-up person's identifiers for record {@code n}, each with the marker. */
    public static List<String> personal(long n) {
        return List.of("Jane " + MARKER + " Doe " + n, MARKER + "-943-476-" + n, "07700 " + MARKER + " " + n,
                "jane." + MARKER + n + "@example.org", n + " " + MARKER + " Street, CF10 1AA");
    }

    /** How often the marker occurs in a text, case-insensitively. */
    public static long count(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long found = 0;
        for (int i = lower.indexOf(MARKER); i >= 0; i = lower.indexOf(MARKER, i + MARKER.length())) {
            found++;
        }
        return found;
    }
}
