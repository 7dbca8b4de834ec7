package org.ember.geo.layers;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of seasonal exceedance per local authority.
 *
 * @param window        the observed window judged against the baseline (a sum of hourly buckets)
 * @param alpha         one-sided level of the published upper bound
 * @param refitEvery    refit the baseline after this many new hourly buckets
 * @param maxHistory    longest history kept (older buckets are dropped)
 * @param idleRetention a local authority with no incident for this long loses its history
 * @param feeds         which sources an incident must have to be counted: the history that can
 *                      bootstrap a baseline is police data, so "police" by default
 */
public record SeasonalSettings(Duration window, double alpha, int refitEvery, Duration maxHistory,
        Duration idleRetention, List<String> feeds) implements Serializable {

    public SeasonalSettings {
        feeds = List.copyOf(feeds);
        if (window.toHours() < 1 || window.toMillis() % 3_600_000L != 0) {
            throw new IllegalArgumentException("the seasonal window must be a whole number of hours");
        }
    }

    public static SeasonalSettings defaults() {
        return new SeasonalSettings(Duration.ofHours(24), 0.01, 24, Duration.ofDays(400), Duration.ofDays(35),
                List.of("police"));
    }
}
