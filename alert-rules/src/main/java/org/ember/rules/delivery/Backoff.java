package org.ember.rules.delivery;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a delivery is retried while its channel is down: waits growing by {@code factor} from
 * {@code initial} up to {@code max}, until {@code giveUpAfter} has passed since the first attempt.
 */
public record Backoff(Duration initial, double factor, Duration max, Duration giveUpAfter) implements Serializable {
    public Backoff {
        if (initial.isZero() || initial.isNegative() || factor < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs initial > 0, factor ≥ 1 and max ≥ initial");
        }
    }

    /** 10 s doubling to 10 min, for a day: a mail server down overnight is still caught up in the morning. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10), Duration.ofHours(24));
    }

    /** The wait after failed attempt number {@code attempt} (1 = the first). */
    public Duration delayAfter(int attempt) {
        double millis = initial.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(max.toMillis(), millis));
    }

    /** Whether to try again after a failure at {@code now} of a delivery first tried at {@code firstAttempt}. */
    public boolean retries(long firstAttempt, long now) {
        return now - firstAttempt < giveUpAfter.toMillis();
    }
}
