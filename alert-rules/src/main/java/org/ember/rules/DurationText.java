package org.ember.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the Prometheus way: {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, {@code 1w},
 * or combined largest unit first, {@code 1h30m}; {@code 0} or {@code 0s} for none.
 */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile(
            "(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private DurationText() {}

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if ("0".equals(t)) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            return null;
        }
        long millis = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (m.group(i + 1) != null) {
                try {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_MILLIS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    return null;
                }
            }
        }
        return Duration.ofMillis(millis);
    }

    /** A text that parses back to the same duration: {@code 1h30m}, {@code 7d}, {@code 0s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        // Weeks are read but never written: "8d" reads better than "1w1d".
        String[] units = {"w", "d", "h", "m", "s", "ms"};
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < UNIT_MILLIS.length; i++) {
            long n = millis / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(units[i]);
                millis -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }
}
