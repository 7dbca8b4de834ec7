package org.ember.rules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times in test files and on the command line: an ISO instant ({@code 2025-03-14T22:05:00Z}), an
 * ISO time with offset, or a local time in the UK ({@code 2025-03-14 22:05}), which is how VRU
 * analysts read incident logs.
 */
public final class TimeText {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

    private TimeText() {}

    /** Epoch milliseconds, or null when the text is not a time. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(t, LOCAL).atZone(LONDON).toInstant().toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            return null;
        }
    }

    /** {@code 2025-03-14T22:05:00Z}. */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
