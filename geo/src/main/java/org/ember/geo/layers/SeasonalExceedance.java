package org.ember.geo.layers;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.numeric.Distributions;
import org.ember.geo.seasonal.SeasonalBaseline;
import org.ember.geo.seasonal.SeasonalPrediction;

/**
 * An area's observed count over the last window judged against its seasonal baseline
 * ({@link SeasonalBaseline}, hourly buckets). The baseline learns every hour before the window
 * (never the window itself, so an outbreak does not raise its own expectation); the expected count
 * is the sum of the hourly expectations, and the exceedance probability P(Y ≥ observed) comes from
 * the negative binomial with that mean and the fit's dispersion (Poisson when not over-dispersed).
 *
 * <p>The history is the caller's (kept in Flink state); this object caches the fitted baseline and
 * rebuilds it when the learnt part of the history changed (a late or cancelled report).
 */
public final class SeasonalExceedance {
    private static final long HOUR = 3_600_000L;
    private final String area;
    private final EmberCalendar calendar;
    private final SeasonalSettings settings;
    private SeasonalBaseline baseline;
    private long learnedFirst = Long.MIN_VALUE;
    /** The hourly counts the baseline has learnt: the first {@code learnedLength} of {@code learned}. */
    private long[] learned = new long[0];
    private int learnedLength;
    /**
     * Hourly expectations already computed from the current fit, by hour (a ring): the window slides
     * an hour at a time and the fit changes once a day, so each hour's expectation is computed once
     * per fit instead of once for every window it falls in. Null: not kept (the reference path).
     */
    private final HourRing hours;

    public SeasonalExceedance(String area, EmberCalendar calendar, SeasonalSettings settings) {
        this(area, calendar, settings, true);
    }

    /** @param keepHours whether to keep hourly expectations between evaluations (false: for tests to compare) */
    SeasonalExceedance(String area, EmberCalendar calendar, SeasonalSettings settings, boolean keepHours) {
        this.area = area;
        this.calendar = calendar;
        this.settings = settings;
        this.hours = keepHours ? new HourRing((int) settings.window().toHours()) : null;
    }

    /** Expectations by hour, valid for one fit of one baseline. */
    private static final class HourRing {
        private final long[] hour;
        private final double[] expected;
        private final int mask;
        private SeasonalBaseline baseline;
        private long fit = -1;

        HourRing(int windowHours) {
            int size = Integer.highestOneBit(Math.max(1, windowHours * 2 - 1)) * 2;
            hour = new long[size];
            expected = new double[size];
            mask = size - 1;
        }

        double expected(SeasonalBaseline b, long start) {
            if (b != baseline || b.fits() != fit) {
                baseline = b;
                fit = b.fits();
                java.util.Arrays.fill(hour, Long.MIN_VALUE);
            }
            long h = Math.floorDiv(start, HOUR);
            int slot = (int) (h & mask);
            if (hour[slot] != h) {
                hour[slot] = h;
                expected[slot] = b.expected(Instant.ofEpochMilli(start));
            }
            return expected[slot];
        }
    }

    /**
     * The judgement of the window ending at {@code asOf}.
     *
     * @param observed      reports in the window
     * @param expected      baseline expectation for the window
     * @param upperBound    (1 − α) quantile of the predictive distribution
     * @param probability   P(Y ≥ observed) under the baseline (small = unusual)
     * @param dispersion    quasi-Poisson φ of the fit
     */
    public record Result(long observed, double expected, double upperBound, double probability, double dispersion) {
        /** −log10 of the probability, capped at 12: 0 unremarkable, 2 one in a hundred. */
        public double score() {
            return -Math.log10(Math.max(probability, 1e-12));
        }
    }

    /**
     * @param firstHour start of the first hourly bucket of the history, epoch milliseconds
     * @param counts    count of each hour from {@code firstHour}
     * @param asOf      end of the window (an hour boundary)
     * @return nothing until the baseline has enough history (8 weeks before the window)
     */
    public Optional<Result> evaluate(long firstHour, long[] counts, long asOf) {
        int windowHours = (int) settings.window().toHours();
        long windowStart = asOf - windowHours * HOUR;
        int learnEnd = (int) Math.min(counts.length, Math.max(0, (windowStart - firstHour) / HOUR));
        if (learnEnd <= 0) {
            return Optional.empty();
        }
        sync(firstHour, counts, learnEnd);
        if (!baseline.ready()) {
            return Optional.empty();
        }
        double expected = 0;
        double dispersion = 1;
        long observed = 0;
        if (hours != null) {
            baseline.refitIfDue(); // as the first prediction would: the ring must see the fit they use
            dispersion = baseline.dispersion();
        }
        for (int h = 0; h < windowHours; h++) {
            long start = windowStart + h * HOUR;
            if (hours != null) {
                expected += hours.expected(baseline, start);
            } else {
                SeasonalPrediction p = baseline.predict(Instant.ofEpochMilli(start), 0);
                expected += p.expected();
                dispersion = p.dispersion();
            }
            int index = (int) ((start - firstHour) / HOUR);
            observed += index >= 0 && index < counts.length ? counts[index] : 0;
        }
        double probability;
        double upper;
        if (dispersion > 1) {
            double size = expected / (dispersion - 1);
            probability = Distributions.negativeBinomialUpperTail(observed, size, 1 / dispersion);
            upper = Distributions.negativeBinomialQuantile(1 - settings.alpha(), size, 1 / dispersion);
        } else {
            probability = Distributions.poissonUpperTail(observed, expected);
            upper = Distributions.poissonQuantile(1 - settings.alpha(), expected);
        }
        return Optional.of(new Result(observed, expected, upper, probability, dispersion));
    }

    /** Brings the cached baseline to the first {@code learnEnd} hours of the history. */
    private void sync(long firstHour, long[] counts, int learnEnd) {
        boolean prefixHolds = baseline != null && learnedFirst == firstHour && learnedLength <= learnEnd
                && Arrays.equals(learned, 0, learnedLength, counts, 0, learnedLength);
        if (!prefixHolds) {
            baseline = new SeasonalBaseline(SeasonalBaseline.Bucket.HOUR, calendar, area, settings.alpha(),
                    settings.refitEvery());
            learnedLength = 0;
            learnedFirst = firstHour;
        }
        for (int i = learnedLength; i < learnEnd; i++) {
            baseline.update(Instant.ofEpochMilli(firstHour + i * HOUR), counts[i]);
        }
        // Only the new hours are copied (a copy of the whole history every hour was most of this layer's garbage).
        if (learned.length < learnEnd) {
            learned = Arrays.copyOf(learned, Math.max(learnEnd, learned.length * 2));
        }
        System.arraycopy(counts, learnedLength, learned, learnedLength, learnEnd - learnedLength);
        learnedLength = learnEnd;
    }

    /** How many hours the cached baseline has learnt (for tests). */
    int learnedHours() {
        return learnedLength;
    }

    /** The history length after which a baseline can first predict. */
    public static Duration historyNeeded() {
        return Duration.ofDays(56);
    }
}
