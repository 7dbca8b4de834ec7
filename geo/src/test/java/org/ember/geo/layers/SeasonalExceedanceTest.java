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

    /**
     * Keeping each hour's expectation per fit (the window slides an hour at a time) gives what
     * predicting every hour of every window gives, to the bit: the history growing hour by hour with
     * late corrections in the learnt part (a rebuilt baseline), corrections in the window, hours
     * skipped (a refit with more new hours) and hours evaluated twice.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {21, 22, 23})
    void keptHourlyExpectationsGiveWhatPredictingEveryHourGives(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        long[] all = history(seed);
        SeasonalSettings settings = seed == 23
                ? new SeasonalSettings(java.time.Duration.ofHours(7), 0.05, 5, java.time.Duration.ofDays(400),
                        java.time.Duration.ofDays(35), java.util.List.of("police"))
                : SeasonalSettings.defaults();
        SeasonalExceedance kept = new SeasonalExceedance("W06000015", null, settings, true);
        SeasonalExceedance predicted = new SeasonalExceedance("W06000015", null, settings, false);
        long[] counts = Arrays.copyOf(all, 57 * 24);
        int compared = 0;
        for (int hours = counts.length; hours <= all.length; hours++) {
            if (random.nextInt(6) == 0) {
                continue; // nothing asked this hour
            }
            counts = Arrays.copyOf(all, hours);
            int late = random.nextInt(100);
            if (late < 2) {
                all[random.nextInt(hours - 48)] += 1; // learnt already: the baseline is rebuilt
            } else if (late < 8) {
                all[hours - 1 - random.nextInt(Math.min(hours, 24))] += 2;
            }
            counts = Arrays.copyOf(all, hours);
            long asOf = FIRST + hours * HOUR;
            for (int again = random.nextInt(4) == 0 ? 2 : 1; again > 0; again--) {
                var a = kept.evaluate(FIRST, counts, asOf);
                var b = predicted.evaluate(FIRST, counts, asOf);
                assertThat(a).isEqualTo(b);
                compared += a.isPresent() ? 1 : 0;
            }
        }
        assertThat(compared).as("windows judged").isGreaterThan(200);
    }
}
