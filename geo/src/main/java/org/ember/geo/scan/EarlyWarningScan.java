package org.ember.geo.scan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Early warning for the daily stream: an expectation-based Poisson space-time scan (Neill et al.
 * 2005) against each cell's seasonal baseline, which absorbs what it has alerted on.
 *
 * <p>Why not the prospective space-time permutation scan: its expectation is the study period's own
 * margins, so (a) a permanent local rise (a new nightclub) stays "unusual" for months, until the
 * 365-day margins catch up, and alerts day after day; (b) its significance comes from replications,
 * which makes it slow and a fresh outbreak must beat every replicate of the whole area. Here:
 *
 * <ul>
 *   <li>Expected cases in cell z on day d: {@code E = share_z × T_d + excess_z}, where share_z is the
 *       cell's share of the area's cases over the last {@code baselineDays} days before the
 *       scanned window, shrunk towards its neighbourhood (a gamma prior worth one case with the mean
 *       count of the cells within {@code maxRadius}, plus 0.1, as its mean), T_d the mean area total of d's weekday over the last {@code weekdayWeeks} weeks
 *       before the window (level, weekly cycle and slow seasonality in one), and excess_z what
 *       alerts absorbed (below).
 *   <li>For circles grown cell by cell (ties as SaTScan) up to {@code maxRadius} and windows of 1 to
 *       {@code maxDays} days ending today, with C observed and B expected, the statistic is
 *       {@code C ln(C/B) − (C − B)} when C &gt; B (Poisson with known mean: no replications needed,
 *       the threshold is calibrated once to the false-alarm rate wanted).
 *   <li>Absorption: an alert adds its excess (C − B spread over its days and cells by their cases) to
 *       excess_z of its cells; afterwards excess_z follows the cells' own daily excess over the
 *       baseline with a {@code absorbHalfLifeDays} half-life (never below 0). A transient outbreak
 *       fades out of it within weeks; a permanent rise stays absorbed, so it alerts once. While a
 *       cell carries excess, clusters touching it need {@code rearm × threshold} (hysteresis).
 *   <li>{@link #update} scans a day before it is over (the real-time job need not wait for midnight);
 *       {@link EarlyWarningSettings#conditional()} scores a window against the past cases its
 *       expectation rests on instead of as if that expectation were known.
 * </ul>
 *
 * Cost per day: O(L) to update plus one scan of O(Σ neighbours × maxDays). Not thread-safe.
 */
public final class EarlyWarningScan {
    private static final double PRIOR_CASES_PER_CELL = 0.1;
    /** Strength of the neighbourhood prior of a cell's share, in pseudo-cases. */
    private static final double NEIGHBOURHOOD_PRIOR_CASES = 1;
    private final List<ScanLocation> locations;
    private final NeighbourIndex neighbours;
    private final EarlyWarningSettings s;
    private final DailyCountRing ring;
    private final double[] excess;
    private final boolean[] alerted;
    /** Whether the latest day was opened by {@link #update} and not yet closed. */
    private boolean dayOpen;
    /** Whether {@link #withLocations} took this scanner's counts. */
    private boolean spent;
    /** Each cell's history count (shrunk, summing to the history total), set by {@link #expected}. */
    private final double[] historyCases;
    private final boolean walkEveryStep;

    /** An alerting (or, below the threshold, candidate) cluster of a day. */
    public record Cluster(String centre, List<String> cells, LocalDate start, LocalDate end, long observed,
            double expected, double score, boolean alert) {
        public Cluster {
            cells = List.copyOf(cells);
        }
    }

    /** What one day's scan found: its clusters by decreasing score (no overlap) and the alerting ones. */
    public record Day(LocalDate day, List<Cluster> clusters, double topScore) {
        public Day {
            clusters = List.copyOf(clusters);
        }

        public List<Cluster> alerts() {
            return clusters.stream().filter(Cluster::alert).toList();
        }

        /** Highest score of a cluster covering each cell (the seam for the per-area metric). */
        public Map<String, Double> cellScores() {
            Map<String, Double> out = new HashMap<>();
            for (Cluster c : clusters) {
                for (String id : c.cells()) {
                    out.merge(id, c.score(), Math::max);
                }
            }
            return out;
        }
    }

    public EarlyWarningScan(List<ScanLocation> locations, CoordinateSystem coordinates, EarlyWarningSettings settings) {
        this(locations, settings, new NeighbourIndex(List.copyOf(locations), coordinates, settings.maxRadius()), false);
    }

    /**
     * @param walkEveryStep walk every centre's circle to its radius, as first written: the reference
     *     the walk that ends at a circle's last cased member is tested against
     */
    EarlyWarningScan(List<ScanLocation> locations, CoordinateSystem coordinates, EarlyWarningSettings settings,
            boolean walkEveryStep) {
        this(locations, settings, new NeighbourIndex(List.copyOf(locations), coordinates, settings.maxRadius()),
                walkEveryStep);
    }

    private EarlyWarningScan(List<ScanLocation> locations, EarlyWarningSettings settings, NeighbourIndex neighbours,
            boolean walkEveryStep) {
        this(List.copyOf(locations), settings, neighbours, walkEveryStep, null);
    }

    /** @param ring the counts of {@code locations} (null: none yet) */
    private EarlyWarningScan(List<ScanLocation> locations, EarlyWarningSettings settings, NeighbourIndex neighbours,
            boolean walkEveryStep, DailyCountRing ring) {
        this.walkEveryStep = walkEveryStep;
        this.locations = List.copyOf(locations);
        this.s = settings;
        this.ring = ring != null ? ring : new DailyCountRing(this.locations, settings.baselineDays() + settings.maxDays());
        this.neighbours = neighbours;
        this.excess = new double[locations.size()];
        this.alerted = new boolean[locations.size()];
        this.historyCases = new double[locations.size()];
    }

    /**
     * What a scanner keeps across days, to store it and {@link #restore} it: its locations' ids, the
     * latest day, the days added in all, the counts of the days held ({@code [back][location]},
     * {@code back = 0} the latest) and each location's absorbed excess and alerted flag.
     */
    public record Snapshot(List<String> ids, LocalDate lastDay, int daysSeen, int[][] countsByBack, double[] excess,
            boolean[] alerted) {
        public Snapshot {
            ids = List.copyOf(ids);
        }
    }

    /**
     * A {@link Snapshot} with the counts in one array, {@code counts[back × ids + location]}, as a
     * stream stores it: no array per day to build and copy every night. The arrays are taken and
     * handed out as they are (callers do not change them afterwards).
     */
    public record Held(String[] ids, LocalDate lastDay, int daysSeen, int[] counts, double[] excess,
            boolean[] alerted) {}

    /** This scanner's state after its latest closed day (none may be open). */
    public Snapshot snapshot() {
        checkClosed();
        return new Snapshot(locations.stream().map(ScanLocation::id).toList(), ring.lastDay(), ring.daysSeen(),
                ring.countsByBack(), excess.clone(), alerted.clone());
    }

    /** {@link #snapshot()} with the counts in one array ({@link Held}). */
    public Held held() {
        checkClosed();
        String[] ids = new String[locations.size()];
        for (int z = 0; z < ids.length; z++) {
            ids[z] = locations.get(z).id();
        }
        return new Held(ids, ring.lastDay(), ring.daysSeen(), ring.countsFlat(), excess.clone(), alerted.clone());
    }

    /** This scanner's neighbour index (immutable), for {@link #restore(List, CoordinateSystem, EarlyWarningSettings, Held, NeighbourIndex)}. */
    public NeighbourIndex neighbourIndex() {
        return neighbours;
    }

    private void checkClosed() {
        checkNotSpent();
        if (dayOpen) {
            throw new IllegalStateException(ring.lastDay() + " is still open");
        }
    }

    /**
     * A scanner over {@code locations} carrying on from a {@link #snapshot()}: locations are matched by
     * id, so ones the snapshot lacks start with no history and ones no longer listed are dropped.
     */
    public static EarlyWarningScan restore(List<ScanLocation> locations, CoordinateSystem coordinates,
            EarlyWarningSettings settings, Snapshot snapshot) {
        int width = snapshot.ids().size();
        int[][] byBack = snapshot.countsByBack();
        int[] flat = new int[byBack.length * width];
        for (int back = 0; back < byBack.length; back++) {
            System.arraycopy(byBack[back], 0, flat, back * width, width);
        }
        return restore(locations, coordinates, settings, new Held(snapshot.ids().toArray(String[]::new),
                snapshot.lastDay(), snapshot.daysSeen(), flat, snapshot.excess(), snapshot.alerted()), null);
    }

    /**
     * {@link #restore(List, CoordinateSystem, EarlyWarningSettings, Snapshot)} from a {@link Held}, with
     * the neighbour index derived from {@code neighboursFrom} ({@link NeighbourIndex#forLocations},
     * e.g. the {@link #neighbourIndex} of the scanner of the night before) when it has the same
     * coordinates and radius: between two nights the cells scanned change by a few, so most of the
     * index carries over. Null (or another geometry) builds the index afresh. Either way the same
     * scanner.
     */
    public static EarlyWarningScan restore(List<ScanLocation> locations, CoordinateSystem coordinates,
            EarlyWarningSettings settings, Held held, NeighbourIndex neighboursFrom) {
        List<ScanLocation> copy = List.copyOf(locations);
        NeighbourIndex index = neighboursFrom != null && neighboursFrom.coordinates() == coordinates
                && Double.compare(neighboursFrom.maxRadius(), settings.maxRadius()) == 0
                ? neighboursFrom.forLocations(copy)
                : new NeighbourIndex(copy, coordinates, settings.maxRadius());
        EarlyWarningScan scan = new EarlyWarningScan(copy, settings, index, false);
        Map<String, Integer> from = new HashMap<>();
        for (int i = 0; i < held.ids().length; i++) {
            from.put(held.ids()[i], i);
        }
        int[] source = new int[scan.locations.size()];
        for (int z = 0; z < source.length; z++) {
            Integer i = from.get(scan.locations.get(z).id());
            source[z] = i == null ? -1 : i;
            if (i != null) {
                scan.excess[z] = held.excess()[i];
                scan.alerted[z] = held.alerted()[i];
            }
        }
        int width = held.ids().length;
        int days = width == 0 ? 0 : held.counts().length / width;
        int kept = Math.min(days, settings.baselineDays() + settings.maxDays());
        scan.ring.restore(held.lastDay(), held.daysSeen(), kept, held.counts(), width, source);
        return scan;
    }

    /**
     * The scanner {@link #restore(List, CoordinateSystem, EarlyWarningSettings, Held, NeighbourIndex)
     * restore}{@code (locations, coordinates, settings, held(), neighbourIndex())} gives (locations
     * matched by id: new ones start with no history, ones no longer listed are dropped), made by moving
     * this scanner's counts rather than copying them day by day and deriving the neighbour index from
     * this one's: for a scanner kept from one night to the next whose cells changed by a few. This
     * scanner is spent: it must not be used afterwards (it refuses to).
     */
    public EarlyWarningScan withLocations(List<ScanLocation> locations) {
        checkClosed();
        List<ScanLocation> copy = List.copyOf(locations);
        int[] source = new int[copy.size()];
        for (int z = 0; z < source.length; z++) {
            Integer i = ring.indexOf(copy.get(z).id());
            source[z] = i == null ? -1 : i;
        }
        EarlyWarningScan scan = new EarlyWarningScan(copy, s, neighbours.forLocations(copy), walkEveryStep,
                ring.moveTo(copy, source));
        for (int z = 0; z < source.length; z++) {
            if (source[z] >= 0) {
                scan.excess[z] = excess[source[z]];
                scan.alerted[z] = alerted[source[z]];
            }
        }
        spent = true;
        return scan;
    }

    /**
     * Sets the count of location {@code id} on a closed day still held (a late, corrected or cancelled
     * record moved it): the scanner is then what {@link #restore} of a snapshot with that count would
     * give, so one kept across days need not be rebuilt for it.
     */
    public void reviseCount(LocalDate day, String id, int count) {
        checkNotSpent();
        Integer z = ring.indexOf(id);
        if (dayOpen || z == null || ring.lastDay() == null) {
            throw new IllegalStateException("no closed day " + day + " of " + id + " to revise");
        }
        ring.setCount(z, (int) java.time.temporal.ChronoUnit.DAYS.between(day, ring.lastDay()), count);
    }

    private void checkNotSpent() {
        if (spent) {
            throw new IllegalStateException("this scanner's counts were moved to another (withLocations)");
        }
    }

    /** Cases of the location at {@code index} (in the order of the locations given) over the days held. */
    public long heldCases(int index) {
        return ring.locationTotal(index);
    }

    /** The latest day added, or null before the first. */
    public LocalDate lastDay() {
        return ring.lastDay();
    }

    /**
     * Adds the next day's counts per cell id (days consecutive), scans the windows ending on it
     * against the baseline of the days before, absorbs its alerts, and returns what it found. No
     * cluster is reported before {@code 4 × 7} days of history. The same as {@code update(day,
     * counts, 1)}.
     */
    public Day addDay(LocalDate day, Map<String, Integer> counts) {
        return update(day, counts, 1);
    }

    /**
     * Scans as records arrive: {@code counts} are the day's cases so far and {@code dayFraction} the
     * share of a day's cases expected by now (0 &lt; f ≤ 1; today's expectation is scaled by it). The
     * first call for a day opens it (days consecutive, the previous one closed); later calls for the
     * same day replace its counts; {@code dayFraction = 1} closes it. An alert is absorbed when it is
     * found, so a cluster alerted in the morning needs {@code rearm ×} the threshold in the evening;
     * the absorbed excess follows the cells' daily excess once per closed day.
     */
    public Day update(LocalDate day, Map<String, Integer> counts, double dayFraction) {
        checkNotSpent();
        if (!(dayFraction > 0 && dayFraction <= 1)) {
            throw new IllegalArgumentException("day fraction must be in (0, 1]: " + dayFraction);
        }
        if (dayOpen && day.equals(ring.lastDay())) {
            ring.reviseDay(day, counts);
        } else if (dayOpen) {
            throw new IllegalArgumentException(ring.lastDay() + " is still open; close it with dayFraction 1");
        } else {
            ring.addDay(day, counts);
        }
        boolean closing = dayFraction == 1;
        dayOpen = !closing;
        int window = s.maxDays();
        if (ring.daysSeen() < window + 28) {
            return new Day(day, List.of(), 0);
        }
        double[][] expected = expected(window, dayFraction);
        Day found = scan(day, window, expected);
        if (closing) {
            followExcess(window, expected);
        }
        absorb(found, window);
        return found;
    }

    /**
     * expected[z][a] for the window's days a = 0 (oldest) .. window − 1 (today, scaled by the share of
     * the day's cases expected so far).
     */
    private double[][] expected(int window, double todayFraction) {
        int history = ring.daysHeld() - window;
        int locs = ring.locations();
        // History totals: the ring minus the window days (at most baselineDays days).
        long historyTotal = ring.total();
        double[] historyCount = new double[locs];
        for (int z = 0; z < locs; z++) {
            long c = ring.locationTotal(z);
            for (int a = 0; a < window; a++) {
                c -= ring.count(z, a);
            }
            historyCount[z] = c;
        }
        for (int a = 0; a < window; a++) {
            historyTotal -= ring.dayTotal(a);
        }
        // Empirical-Bayes shrinkage: a gamma prior worth one pseudo-case centred on the mean history of
        // the cells around it, so that a sparse cell whose few past cases happened to fall elsewhere is
        // not made infinitely surprising by its next two, while a busy cell keeps its own rate. (A
        // prior worth a whole period of the neighbourhood halved the expectation of isolated busy
        // cells, whose ordinary weeks then set the alert threshold.)
        double[] pooled = new double[locs];
        double denominator = 0;
        for (int z = 0; z < locs; z++) {
            int[] order = neighbours.order(z);
            double sum = 0;
            for (int k = 0; k < order.length; k++) {
                sum += historyCount[order[k]];
            }
            double nb = sum / order.length + PRIOR_CASES_PER_CELL;
            pooled[z] = (historyCount[z] + NEIGHBOURHOOD_PRIOR_CASES) / (1 + NEIGHBOURHOOD_PRIOR_CASES / nb);
            denominator += pooled[z];
        }
        double[] dayExpectedTotal = new double[window];
        for (int a = 0; a < window; a++) {
            int back = window - 1 - a;
            double sum = 0;
            int n = 0;
            for (int b = back + 7; n < s.weekdayWeeks() && b < window + history; b += 7) {
                if (b >= window) {
                    sum += ring.dayTotal(b);
                    n++;
                }
            }
            dayExpectedTotal[a] = n == 0 ? (double) historyTotal / Math.max(1, history) : sum / n;
        }
        double[][] e = new double[locs][window];
        for (int z = 0; z < locs; z++) {
            double share = pooled[z] / denominator;
            historyCases[z] = share * historyTotal;
            for (int a = 0; a < window; a++) {
                e[z][a] = share * dayExpectedTotal[a] + excess[z];
            }
            e[z][window - 1] *= todayFraction;
        }
        return e;
    }

    private record Candidate(int centre, int steps, int length, long observed, double expected, double score) {}

    /**
     * Log-likelihood ratio of C cases in a window whose expectation B was estimated from H past cases
     * of the same cells: conditional on C + H, C is binomial with p = B / (B + H) under the null
     * (the two-sample Poisson test of window against history). Tends to {@code C ln(C/B) − (C − B)}
     * as H grows; for few past cases it is much smaller, because such a B is itself uncertain.
     */
    static double conditionalScore(double c, double b, double h) {
        double expected = (c + h) * b / (b + h);
        if (c <= expected) {
            return 0;
        }
        return c * Math.log(c / expected) + h * Math.log(h / (c + h - expected));
    }

    private Day scan(LocalDate day, int window, double[][] expected) {
        int locs = ring.locations();
        Candidate[] best = new Candidate[locs];
        long[] circleC = new long[window];
        double[] circleE = new double[window];
        // A circle is scored only at steps adding a case of the window, so a centre's walk ends at its
        // last such member (the sums up to there are the same) and one with none is not walked at all.
        boolean[] cased = new boolean[locs];
        for (int z = 0; z < locs; z++) {
            for (int back = 0; back < window && !cased[z]; back++) {
                cased[z] = ring.count(z, back) != 0;
            }
        }
        for (int c = 0; c < locs; c++) {
            int[] order = neighbours.order(c);
            int steps = order.length;
            while (!walkEveryStep && steps > 0 && !cased[order[steps - 1]]) {
                steps--;
            }
            if (steps == 0) {
                continue;
            }
            Candidate top = null;
            Arrays.fill(circleC, 0);
            Arrays.fill(circleE, 0);
            double circleH = 0;
            boolean changed = false;
            for (int k = 0; k < steps; k++) {
                int z = order[k];
                for (int a = 0; a < window; a++) {
                    int n = ring.count(z, window - 1 - a);
                    if (n != 0) {
                        circleC[a] += n;
                        changed = true;
                    }
                    circleE[a] += expected[z][a];
                }
                circleH += historyCases[z];
                if (!changed) {
                    continue; // more expected, same observed: every window scores lower
                }
                changed = false;
                long cSum = 0;
                double eSum = 0;
                for (int len = 1; len <= window; len++) {
                    cSum += circleC[window - len];
                    eSum += circleE[window - len];
                    if (cSum < s.minCases() || cSum <= eSum) {
                        continue;
                    }
                    double score = s.conditional() ? conditionalScore(cSum, eSum, circleH)
                            : cSum * Math.log(cSum / eSum) - (cSum - eSum);
                    if (!(score > 0)) {
                        continue;
                    }
                    if (top == null || score > top.score()) {
                        top = new Candidate(c, k + 1, len, cSum, eSum, score);
                    }
                }
            }
            best[c] = top;
        }
        List<Candidate> sorted = new ArrayList<>(locs);
        for (Candidate c : best) {
            if (c != null) {
                sorted.add(c);
            }
        }
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(c -> locations.get(c.centre()).id()));
        boolean[] used = new boolean[locs];
        List<Cluster> out = new ArrayList<>();
        for (Candidate c : sorted) {
            if (c.score() < s.threshold() / 2 && !out.isEmpty()) {
                break; // far below any alert: not worth reporting
            }
            int[] order = neighbours.order(c.centre());
            boolean overlaps = false;
            boolean touchesAlerted = false;
            for (int k = 0; k < c.steps(); k++) {
                overlaps |= used[order[k]];
                touchesAlerted |= alerted[order[k]];
            }
            if (overlaps) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < c.steps(); k++) {
                used[order[k]] = true;
                ids.add(locations.get(order[k]).id());
            }
            double needed = touchesAlerted ? s.threshold() * s.rearm() : s.threshold();
            out.add(new Cluster(locations.get(c.centre()).id(), ids, day.minusDays(c.length() - 1), day, c.observed(),
                    c.expected(), c.score(), c.score() >= needed));
        }
        return new Day(day, out, out.isEmpty() ? 0 : out.get(0).score());
    }

    /** Cells carrying excess follow their own daily excess over the baseline (once per closed day). */
    private void followExcess(int window, double[][] expected) {
        double keep = Math.pow(0.5, 1 / s.absorbHalfLifeDays());
        int locs = ring.locations();
        for (int z = 0; z < locs; z++) {
            if (alerted[z]) {
                double base = expected[z][window - 1] - excess[z];
                double today = ring.count(z, 0) - base;
                excess[z] = Math.max(0, keep * excess[z] + (1 - keep) * today);
                if (excess[z] < 1e-3) {
                    excess[z] = 0;
                    alerted[z] = false;
                }
            }
        }
    }

    private void absorb(Day found, int window) {
        for (Cluster c : found.alerts()) {
            int days = (int) java.time.temporal.ChronoUnit.DAYS.between(c.start(), c.end()) + 1;
            double perDay = (c.observed() - c.expected()) / days;
            long cases = 0;
            int[] members = c.cells().stream().mapToInt(ring::indexOf).toArray();
            long[] own = new long[members.length];
            for (int m = 0; m < members.length; m++) {
                for (int a = window - days; a < window; a++) {
                    own[m] += ring.count(members[m], window - 1 - a);
                }
                cases += own[m];
            }
            for (int m = 0; m < members.length; m++) {
                excess[members[m]] += perDay * own[m] / cases;
                alerted[members[m]] = true;
            }
        }
    }
}
