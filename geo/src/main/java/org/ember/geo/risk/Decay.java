package org.ember.geo.risk;

import java.time.Duration;

/** Linear fading of a signal: 1 when fresh, 0 once {@code lasts} has passed, and 0 before it happened. */
public final class Decay {
    private Decay() {}

    public static double linear(long elapsedMillis, Duration lasts) {
        long span = lasts.toMillis();
        if (elapsedMillis < 0 || elapsedMillis >= span) {
            return 0;
        }
        return 1 - (double) elapsedMillis / span;
    }
}
