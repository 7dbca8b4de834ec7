package org.ember.model.ingest;

/**
 * Reads the usual shape of an RFC 3339 date-time, {@code YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)}, into
 * epoch milliseconds without a {@link java.time.format.DateTimeFormatter} (which is most of the time
 * ingest spends on a record's times). It vouches only for what {@link java.time.OffsetDateTime#parse}
 * and Jackson's {@code Instant} reader both accept with the same instant; anything else, it declines
 * ({@link #UNSURE}) and the caller uses the library.
 */
public final class IsoInstants {
    /** Returned for text this reader does not vouch for. */
    public static final long UNSURE = Long.MIN_VALUE;

    private IsoInstants() {}

    /** Epoch milliseconds (fraction truncated, as {@link java.time.Instant#toEpochMilli}), or {@link #UNSURE}. */
    public static long epochMillis(String s) {
        java.time.Instant instant = instant(s);
        return instant == null ? UNSURE : instant.toEpochMilli();
    }

    /** The instant, nanoseconds included, or null when this reader does not vouch for the text. */
    public static java.time.Instant instant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 9) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count < 1) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            // "-00:00" is "offset unknown" in RFC 3339 and refused by the schema library: not vouched for.
            if (oh < 0 || om < 0 || oh > 17 || om > 59 || (s.charAt(i) == '-' && oh == 0 && om == 0)) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return java.time.Instant.ofEpochSecond(seconds, nanos);
    }

    /** The non-negative number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
