package org.ember.rules;

import java.util.Locale;

/** Numbers as people read them in alerts: whole numbers without decimals, others to two places. */
public final class Numbers {
    private Numbers() {}

    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
