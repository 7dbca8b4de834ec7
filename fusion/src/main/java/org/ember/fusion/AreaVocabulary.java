package org.ember.fusion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ember.model.metrics.FusionMetricFamilies;

/**
 * The metrics an area publishes, as a fixed vocabulary: an evaluation keeps its values in a
 * {@code double[]} by index and which of the optional ones it has (a health-only share needs a
 * health-recorded incident, the seasonal four only the authority has) in a bit mask. Comparing with
 * what was published and deciding what to publish work on the array; the map of names is built only
 * for an update that is published. The indices follow the order in which the metrics were always
 * put in that map, so the map is built in the same order.
 */
final class AreaVocabulary {
    static final int WINDOWS = AreaTally.WINDOWS.length;
    private static final int PER_WINDOW = 6;
    private static final int FIXED = WINDOWS * PER_WINDOW;
    static final int GI_Z_MAX = FIXED;
    static final int HOT_CELLS = FIXED + 1;
    static final int EMERGING_HOT_CELLS = FIXED + 2;
    static final int CLUSTER_MEMBERS = FIXED + 3;
    static final int CLUSTERS = FIXED + 4;
    static final int SCAN_RECURRENCE_DAYS = FIXED + 5;
    static final int EARLY_WARNING = FIXED + 6;
    static final int NEAR_REPEAT_RISK = FIXED + 7;
    static final int RIVALRY_RISK = FIXED + 8;
    static final int INTEL_TENSION = FIXED + 9;
    static final int NAVIGATOR_RISK = FIXED + 10;
    static final int SEASONAL_OBSERVED = FIXED + 11;
    static final int SEASONAL_EXPECTED = FIXED + 12;
    static final int SEASONAL_EXCEEDANCE_PROBABILITY = FIXED + 13;
    static final int SEASONAL_EXCEEDANCE = FIXED + 14;
    static final int TENSION_SCORE = FIXED + 15;
    static final int TENSION_LEVEL = FIXED + 16;
    static final int SIZE = FIXED + 17;
    /** The metrics that move with time alone (risk and tension), in the order of the vocabulary. */
    static final int[] MOVING = {NEAR_REPEAT_RISK, RIVALRY_RISK, INTEL_TENSION, NAVIGATOR_RISK, TENSION_SCORE,
        TENSION_LEVEL};
    static final long MOVING_MASK;
    /** Every metric but the optional ones. */
    static final long ALWAYS;
    private static final Map<String, AreaVocabulary> BY_WINDOW = new ConcurrentHashMap<>();

    static {
        if (SIZE > Long.SIZE) {
            throw new ExceptionInInitializerError("the area vocabulary outgrew its bit mask");
        }
        long always = SIZE == Long.SIZE ? -1L : (1L << SIZE) - 1;
        for (int w = 0; w < WINDOWS; w++) {
            always &= ~bit(healthOnlyShare(w));
        }
        always &= ~(bit(SEASONAL_OBSERVED) | bit(SEASONAL_EXPECTED) | bit(SEASONAL_EXCEEDANCE_PROBABILITY)
                | bit(SEASONAL_EXCEEDANCE));
        ALWAYS = always;
        long moving = 0;
        for (int m : MOVING) {
            moving |= bit(m);
        }
        MOVING_MASK = moving;
    }

    static int incidentsAll(int w) {
        return w * PER_WINDOW;
    }

    static int incidentsMultiAgency(int w) {
        return w * PER_WINDOW + 1;
    }

    static int incidentsHealthOnly(int w) {
        return w * PER_WINDOW + 2;
    }

    static int incidentsSerious(int w) {
        return w * PER_WINDOW + 3;
    }

    static int distinctAgencies(int w) {
        return w * PER_WINDOW + 4;
    }

    static int healthOnlyShare(int w) {
        return w * PER_WINDOW + 5;
    }

    static long bit(int index) {
        return 1L << index;
    }

    /** The seasonal exceedance mask bits (the authority, once its baseline predicts). */
    static long seasonal() {
        return bit(SEASONAL_OBSERVED) | bit(SEASONAL_EXPECTED) | bit(SEASONAL_EXCEEDANCE_PROBABILITY)
                | bit(SEASONAL_EXCEEDANCE);
    }

    private final String[] names = new String[SIZE];
    private final boolean[] continuous = new boolean[SIZE];
    private final String seasonalWindow;

    private AreaVocabulary(String seasonalWindow) {
        this.seasonalWindow = seasonalWindow;
        for (int w = 0; w < WINDOWS; w++) {
            String window = AreaTally.WINDOWS[w];
            names[incidentsAll(w)] = FusionMetricFamilies.incidents(window, "all");
            names[incidentsMultiAgency(w)] = FusionMetricFamilies.incidents(window, "multi_agency");
            names[incidentsHealthOnly(w)] = FusionMetricFamilies.incidents(window, "health_only");
            names[incidentsSerious(w)] = FusionMetricFamilies.incidents(window, "serious");
            names[distinctAgencies(w)] = FusionMetricFamilies.windowed("distinct_agencies", window);
            names[healthOnlyShare(w)] = FusionMetricFamilies.windowed("health_only_share", window);
        }
        names[GI_Z_MAX] = FusionMetricFamilies.windowed("gi_z_max", CellLayer.WINDOW_7D);
        names[HOT_CELLS] = FusionMetricFamilies.windowed("hot_cells", CellLayer.WINDOW_7D);
        names[EMERGING_HOT_CELLS] = "emerging_hot_cells";
        names[CLUSTER_MEMBERS] = "cluster_members";
        names[CLUSTERS] = "clusters";
        names[SCAN_RECURRENCE_DAYS] = "scan_recurrence_days";
        names[EARLY_WARNING] = EarlyWarningLayer.METRIC;
        names[NEAR_REPEAT_RISK] = "near_repeat_risk";
        names[RIVALRY_RISK] = "rivalry_risk";
        names[INTEL_TENSION] = "intel_tension";
        names[NAVIGATOR_RISK] = "navigator_risk";
        names[SEASONAL_OBSERVED] = FusionMetricFamilies.windowed("seasonal_observed", seasonalWindow);
        names[SEASONAL_EXPECTED] = FusionMetricFamilies.windowed("seasonal_expected", seasonalWindow);
        names[SEASONAL_EXCEEDANCE_PROBABILITY] = FusionMetricFamilies.windowed("seasonal_exceedance_probability",
                seasonalWindow);
        names[SEASONAL_EXCEEDANCE] = FusionMetricFamilies.windowed("seasonal_exceedance", seasonalWindow);
        names[TENSION_SCORE] = "tension_score";
        names[TENSION_LEVEL] = "tension_level";
        for (int i = 0; i < SIZE; i++) {
            continuous[i] = Publish.continuous(names[i]);
        }
    }

    /** The vocabulary whose seasonal metrics are named for {@code seasonalWindow} (e.g. "24h"). */
    static AreaVocabulary of(String seasonalWindow) {
        return BY_WINDOW.computeIfAbsent(seasonalWindow, AreaVocabulary::new);
    }

    /** The seasonal window the seasonal metrics are named for (e.g. "24h"). */
    String seasonalWindow() {
        return seasonalWindow;
    }

    String name(int index) {
        return names[index];
    }

    /** The values present in {@code mask}, by name, in the vocabulary's order. */
    Map<String, Double> map(double[] values, long mask) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < SIZE; i++) {
            if ((mask & bit(i)) != 0) {
                out.put(names[i], values[i]);
            }
        }
        return out;
    }

    /** Boxes of the whole numbers 0 to 255 (most published metrics are counts, and most counts are small). */
    private static final Double[] SMALL = new Double[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = (double) i;
        }
    }

    /** {@code Double.valueOf(v)}, shared for a small whole number (the same value; nothing compares these boxes by identity). */
    static Double boxed(double v) {
        int i = (int) v;
        boolean small = i >= 0 && i < SMALL.length && Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(i);
        return small ? SMALL[i] : Double.valueOf(v);
    }

    /**
     * {@code Map.copyOf(map(values, mask))} without the map in between: the same entries handed to
     * {@link Map#ofEntries} in the same order, so the same immutable map (and iteration order).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Double> immutableMap(double[] values, long mask) {
        Map.Entry<String, Double>[] entries = new Map.Entry[Long.bitCount(mask)];
        int n = 0;
        for (int i = 0; i < SIZE; i++) {
            if ((mask & bit(i)) != 0) {
                entries[n++] = Map.entry(names[i], boxed(values[i]));
            }
        }
        return Map.ofEntries(entries);
    }

    /**
     * {@link #materially} against values published from {@code before} and {@code beforeMask} (as
     * {@link #map} made them): the same answer from the numbers. A mask that differs means a name
     * appeared or disappeared.
     */
    boolean materially(double[] before, long beforeMask, double[] values, long mask, double tolerance) {
        if (beforeMask != mask) {
            return true;
        }
        for (int i = 0; i < SIZE; i++) {
            if ((mask & bit(i)) != 0 && differs(i, before[i], values[i], tolerance)) {
                return true;
            }
        }
        return false;
    }

    /** The metrics of {@code mask}, each 0 (what a cleared area publishes). */
    Map<String, Double> zeros(long mask) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < SIZE; i++) {
            if ((mask & bit(i)) != 0) {
                out.put(names[i], 0.0);
            }
        }
        return out;
    }

    /** Whether every value present is 0. */
    static boolean allZero(double[] values, long mask) {
        for (int i = 0; i < SIZE; i++) {
            if ((mask & bit(i)) != 0 && !(values[i] == 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link Publish#materially} of the published values against these: the same answer, without
     * building the map (any metric appearing or disappearing, a count or level changing, or a
     * continuous value moving by the tolerance or to or from zero).
     */
    boolean materially(Map<String, Double> published, double[] values, long mask, double tolerance) {
        if (published.size() != Long.bitCount(mask)) {
            return true;
        }
        for (int i = 0; i < SIZE; i++) {
            if ((mask & bit(i)) == 0) {
                continue;
            }
            Double was = published.get(names[i]);
            // A name missing from what was published (so the names differ) or a value moved: either is news.
            if (was == null || differs(i, was, values[i], tolerance)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a metric's value moved materially from what was published ({@link Publish#materially}). */
    boolean differs(int index, double before, double now, double tolerance) {
        if (before == now) {
            return false;
        }
        return !continuous[index] || (now == 0) != (before == 0) || Publish.moved(before, now, tolerance);
    }
}
