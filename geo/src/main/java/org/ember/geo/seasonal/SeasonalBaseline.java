package org.ember.geo.seasonal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import org.ember.geo.calendar.CalendarDay;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.calendar.SchoolStatus;
import org.ember.geo.numeric.Distributions;
import org.ember.geo.numeric.PoissonGlm;

/**
 * Seasonal baseline of one area's counts: expected count per time bucket from its history.
 *
 * <h2>Model</h2>
 * A quasi-Poisson log-linear model (fitted by IRLS as R's {@code glm}):
 * <pre>
 *   log μ_t = β₀ + β_trend·t(years)
 *           + day-of-week (6 terms) + hour-of-day (23 terms, hourly buckets only)
 *           + Σ_{k=1,2} (a_k sin 2πk·d/365.25 + b_k cos 2πk·d/365.25)        [≥ 1 year of history]
 *           + bank holiday + school holiday + half-term + exams + local event  [with a calendar]
 * </pre>
 * The hour-of-week profile is additive (day effect + hour effect): 29 parameters instead of 167,
 * which a low-count area can estimate. Local day and hour are Europe/London, while buckets are
 * UTC hours underneath ({@link LondonHours}), so clock changes neither add nor drop counts.
 * Over-dispersion φ = max(1, Pearson χ²/(n − p)). For an observed count y the predictive
 * distribution is negative binomial with mean μ and variance φμ (size μ/(φ−1)), Poisson if φ = 1;
 * the upper bound is its (1 − α) quantile and the exceedance probability P(Y ≥ y). Parameter
 * uncertainty is ignored (it is small next to φμ with the history required below).
 *
 * <h2>History needed</h2>
 * At least 8 weeks (every weekday seen 8 times) before it predicts at all; annual terms are added
 * only once a year of history exists, and calendar terms whose indicator never occurred in the
 * history are dropped (aliased). Two or more years are needed for the annual and holiday effects to
 * be separated well.
 *
 * <h2>Incremental use</h2>
 * {@link #update} appends the next bucket's count (O(1)); the model is refitted lazily when a
 * prediction is asked for and at least {@code refitEvery} buckets arrived since the last fit.
 */
public final class SeasonalBaseline {
    /** Bucket length. */
    public enum Bucket {
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1));

        final Duration length;

        Bucket(Duration length) {
            this.length = length;
        }
    }

    private static final int MIN_DAYS = 56;
    /** History kept, in buckets of each kind: three years; older buckets slide out. */
    static final int MAX_HOURS = 3 * 366 * 24;
    static final int MAX_DAYS = 3 * 366;
    /**
     * Largest expectation a prediction reports. Far above any real count per bucket; a fit that
     * extrapolates past it (a trend over a long empty history) is clamped so no quantile search or
     * tail sum ever sees an astronomical mean.
     */
    static final double MAX_EXPECTED = 1e6;
    private final Bucket bucket;
    private final EmberCalendar calendar;
    private final String area;
    private final double alpha;
    private final int refitEvery;
    private Instant first;
    private long[] counts = new long[1024];
    private int size;
    private int sinceFit = Integer.MAX_VALUE;
    private PoissonGlm.Fit fit;
    private boolean fitAnnual;
    private double phi = 1;
    private long fits;
    /** Design rows of the first buckets, built for {@code designFirst} and {@code designAnnual}. */
    private PoissonGlm.Design design = new PoissonGlm.Design();
    private Instant designFirst;
    private boolean designAnnual;

    /**
     * @param calendar calendar effects (null for none)
     * @param area local authority code for school dates and events
     * @param alpha one-sided level of the upper bound (e.g. 0.01)
     * @param refitEvery refit after this many new buckets (e.g. 24 for daily refits of hourly data)
     */
    public SeasonalBaseline(Bucket bucket, EmberCalendar calendar, String area, double alpha, int refitEvery) {
        if (!(alpha > 0 && alpha < 1) || refitEvery < 1) {
            throw new IllegalArgumentException("alpha in (0,1) and refitEvery >= 1 needed");
        }
        this.bucket = bucket;
        this.calendar = calendar;
        this.area = area;
        this.alpha = alpha;
        this.refitEvery = refitEvery;
    }

    /**
     * Appends the count of the bucket starting at {@code start} (UTC; a day bucket starts at local
     * midnight). Buckets must follow each other; skipped buckets count as 0.
     */
    public void update(Instant start, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (first == null) {
            first = start;
        }
        long index = indexOf(start);
        if (index < size - 1) {
            throw new IllegalArgumentException("bucket " + start + " is not after the last one");
        }
        int i = (int) slideTo(index);
        while (size <= i) {
            if (size == counts.length) {
                counts = Arrays.copyOf(counts, counts.length * 2);
            }
            counts[size++] = 0;
            sinceFit = sinceFit == Integer.MAX_VALUE ? sinceFit : sinceFit + 1;
        }
        counts[i] += count;
    }

    /** Number of buckets of history. */
    public int historyBuckets() {
        return size;
    }

    /** Whether there is enough history to predict. */
    public boolean ready() {
        return size > 0 && startOf(size - 1).isAfter(first.plus(Duration.ofDays(MIN_DAYS - 1)));
    }

    /** Expected count, upper bound and exceedance probability for an observed count in a bucket. */
    public SeasonalPrediction predict(Instant start, long observed) {
        if (!ready()) {
            throw new IllegalStateException("needs at least " + MIN_DAYS + " days of history, has " + size
                    + " buckets");
        }
        refitIfDue();
        double mu = Math.exp(fit.linearPredictor(features(start, fitAnnual)));
        double upper;
        double exceedance;
        if (Double.isNaN(mu)) {
            // A fit that did not converge says nothing: report an expectation nothing exceeds.
            return new SeasonalPrediction(start, 0, Long.MAX_VALUE, 1, phi);
        }
        mu = Math.min(mu, MAX_EXPECTED);
        if (phi > 1) {
            double sizeParam = mu / (phi - 1);
            upper = Distributions.negativeBinomialQuantile(1 - alpha, sizeParam, 1 / phi);
            exceedance = Distributions.negativeBinomialUpperTail(observed, sizeParam, 1 / phi);
        } else {
            upper = Distributions.poissonQuantile(1 - alpha, mu);
            exceedance = Distributions.poissonUpperTail(observed, mu);
        }
        return new SeasonalPrediction(start, mu, upper, exceedance, phi);
    }

    /**
     * The expected count of the bucket starting at {@code start}: what {@link #predict} reports as
     * expected (0 when the fit did not converge), without its bound and tail probability.
     */
    public double expected(Instant start) {
        if (!ready()) {
            throw new IllegalStateException("needs at least " + MIN_DAYS + " days of history, has " + size
                    + " buckets");
        }
        refitIfDue();
        double mu = Math.exp(fit.linearPredictor(features(start, fitAnnual)));
        return Double.isNaN(mu) ? 0 : Math.min(mu, MAX_EXPECTED);
    }

    /** The over-dispersion φ of the current fit (what {@link #predict} reports), refitting first if due. */
    public double dispersion() {
        refitIfDue();
        return phi;
    }

    /**
     * Refits now if a prediction would (the first since {@code refitEvery} new buckets), so that
     * {@link #fits()} names the fit the next predictions use.
     */
    public void refitIfDue() {
        if (fit == null || sinceFit >= refitEvery) {
            refit();
        }
    }

    /**
     * How many fits this baseline has made: predictions between two changes of this number come
     * from the same fit, so a caller may keep them.
     */
    public long fits() {
        return fits;
    }

    private void refit() {
        fits++;
        fitAnnual = Duration.between(first, startOf(size - 1)).toDays() >= 365;
        // A bucket's design row depends only on its start, the first bucket (trend) and whether the
        // annual terms are in: kept between refits, only the new buckets' rows are built.
        if (!first.equals(designFirst) || fitAnnual != designAnnual) {
            design = new PoissonGlm.Design();
            designFirst = first;
            designAnnual = fitAnnual;
        }
        while (design.size() < size) {
            design.add(features(startOf(design.size()), fitAnnual));
        }
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            y[i] = counts[i];
        }
        fit = PoissonGlm.fitWithoutHatValues(design, y, null); // predictions need no hat values
        phi = Double.isNaN(fit.dispersion()) ? 1 : Math.max(1, fit.dispersion());
        sinceFit = 0;
    }

    private long indexOf(Instant start) {
        if (bucket == Bucket.HOUR) {
            return Duration.between(first, start).toHours();
        }
        LocalDate a = LondonHours.localDate(first);
        LocalDate b = LondonHours.localDate(start);
        return java.time.temporal.ChronoUnit.DAYS.between(a, b);
    }

    /**
     * Drops the oldest buckets so that bucket {@code index} fits in the kept history, and returns
     * its index afterwards. A bucket centuries after the first (a partner's mistyped year) thus
     * costs a fresh history, never an array of millions of buckets.
     */
    private long slideTo(long index) {
        int max = bucket == Bucket.HOUR ? MAX_HOURS : MAX_DAYS;
        if (index < max) {
            return index;
        }
        long drop = index - (max - 1);
        Instant newFirst = startOf(drop);
        if (drop >= size) {
            size = 0;
            Arrays.fill(counts, 0);
        } else {
            int d = (int) drop;
            System.arraycopy(counts, d, counts, 0, size - d);
            Arrays.fill(counts, size - d, size, 0);
            size -= d;
        }
        first = newFirst;
        fit = null;
        sinceFit = Integer.MAX_VALUE;
        return index - drop;
    }

    private Instant startOf(long i) {
        if (bucket == Bucket.HOUR) {
            return first.plus(Duration.ofHours(i));
        }
        return LondonHours.localDate(first).plusDays(i).atStartOfDay(LondonHours.LONDON).toInstant();
    }

    /** Design row of a bucket (its columns in the order the model lists them; filled without boxing). */
    double[] features(Instant start, boolean annual) {
        ZonedDateTime local = start.atZone(LondonHours.LONDON);
        boolean hourly = bucket == Bucket.HOUR;
        double[] row = new double[2 + 6 + (hourly ? 23 : 0) + (annual ? 4 : 0) + (calendar != null ? 5 : 0)];
        int c = 0;
        row[c++] = 1.0;
        row[c++] = Duration.between(first, start).toHours() / (365.25 * 24);
        int dow = local.getDayOfWeek().getValue();
        for (int d = 2; d <= 7; d++) {
            row[c++] = dow == d ? 1.0 : 0.0;
        }
        if (hourly) {
            int hour = local.getHour();
            for (int h = 1; h < 24; h++) {
                row[c++] = hour == h ? 1.0 : 0.0;
            }
        }
        if (annual) {
            double angle = 2 * Math.PI * local.getDayOfYear() / 365.25;
            for (int k = 1; k <= 2; k++) {
                row[c++] = Math.sin(k * angle);
                row[c++] = Math.cos(k * angle);
            }
        }
        if (calendar != null) {
            CalendarDay day = calendar.day(area, local.toLocalDate());
            row[c++] = day.bankHoliday() ? 1.0 : 0.0;
            row[c++] = day.school() == SchoolStatus.HOLIDAY ? 1.0 : 0.0;
            row[c++] = day.school() == SchoolStatus.HALF_TERM ? 1.0 : 0.0;
            row[c++] = day.school() == SchoolStatus.EXAMS ? 1.0 : 0.0;
            row[c] = day.events().isEmpty() ? 0.0 : 1.0;
        }
        return row;
    }
}
