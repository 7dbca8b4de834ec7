package org.ember.geo.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalExceedanceTest {
    private static final long HOUR = 3_600_000L;
    private static final long FIRST = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
    private static final int DAYS = 70;

    /** Hourly Poisson counts with a weekend-night profile: about 30 a day, twice as many on Saturdays. */
    private static long[] history(long seed) {
        Random random = new Random(seed);
        long[] counts = new long[DAYS * 24];
        for (int h = 0; h < counts.length; h++) {
            var local = Instant.ofEpochMilli(FIRST + h * HOUR).atZone(ZoneId.of("Europe/London"));
            double mean = (local.getHour() >= 20 || local.getHour() < 3 ? 2.5 : 0.8)
                    * (local.getDayOfWeek().getValue() == 6 ? 2 : 1);
            counts[h] = poisson(random, mean);
        }
        return counts;
    }

    private static long poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        long k = -1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k;
    }

    @Test
    void anOrdinaryDayIsUnremarkableAndADayWithFortyExtraReportsIsNot() {
        long[] counts = history(11);
        long asOf = FIRST + counts.length * HOUR;
        SeasonalExceedance.Result ordinary = new SeasonalExceedance("W06000015", null, SeasonalSettings.defaults())
                .evaluate(FIRST, counts, asOf).orElseThrow();
        long observed = Arrays.stream(counts, counts.length - 24, counts.length).sum();
        assertThat(ordinary.observed()).isEqualTo(observed);
        assertThat(ordinary.expected()).isBetween(20.0, 60.0);
        assertThat(ordinary.probability()).isGreaterThan(0.01);

        long[] spiked = counts.clone();
        for (int h = spiked.length - 10; h < spiked.length; h++) {
            spiked[h] += 4;
        }
        SeasonalExceedance.Result spike = new SeasonalExceedance("W06000015", null, SeasonalSettings.defaults())
                .evaluate(FIRST, spiked, asOf).orElseThrow();
        assertThat(spike.observed()).isEqualTo(observed + 40);
        assertThat(spike.expected()).as("the window is not learnt").isCloseTo(ordinary.expected(), within(1e-9));
        assertThat(spike.probability()).isLessThan(1e-4);
        assertThat(spike.score()).isGreaterThan(4);
        assertThat((double) spike.observed()).isGreaterThan(spike.upperBound());
    }

    @Test
    void aLateReportInTheLearntHistoryRebuildsTheBaselineAndTooShortAHistoryPredictsNothing() {
        long[] counts = history(12);
        long asOf = FIRST + counts.length * HOUR;
        SeasonalExceedance cached = new SeasonalExceedance("W06000015", null, SeasonalSettings.defaults());
        cached.evaluate(FIRST, counts, asOf - 24 * HOUR).orElseThrow();
        long[] corrected = counts.clone();
        corrected[100] += 3;
        SeasonalExceedance.Result afterLate = cached.evaluate(FIRST, corrected, asOf).orElseThrow();
        SeasonalExceedance.Result fresh = new SeasonalExceedance("W06000015", null, SeasonalSettings.defaults())
                .evaluate(FIRST, corrected, asOf).orElseThrow();
        assertThat(afterLate.expected()).isCloseTo(fresh.expected(), within(1e-9));
        assertThat(cached.learnedHours()).isEqualTo(counts.length - 24);

        assertThat(new SeasonalExceedance("W06000015", null, SeasonalSettings.defaults())
                .evaluate(FIRST, Arrays.copyOf(counts, 50 * 24), FIRST + 50 * 24 * HOUR)).isEmpty();
    }
}
