package org.ember.geo.emerging;

/**
 * The emerging hot spot categories of ArcGIS Pro's Emerging Hot Spot Analysis, decided per
 * location from its series of space-time Gi* bins (hot = significant with z &gt; 0, cold = significant
 * with z &lt; 0) and the Mann–Kendall trend of its z-scores. With T steps, H hot steps, and "90%"
 * meaning H ≥ 0.9·T:
 * <ul>
 *   <li>If the final step is hot:
 *     <ul>
 *       <li>H ≥ 90%: INTENSIFYING if the trend is significantly increasing, DIMINISHING if
 *           significantly decreasing, else PERSISTENT;</li>
 *       <li>otherwise NEW if the final step is the only hot one; CONSECUTIVE if the hot steps are
 *           exactly one uninterrupted run of at least two ending at the final step; OSCILLATING if
 *           some earlier step was cold; else SPORADIC (on-and-off hot, never cold).</li>
 *     </ul></li>
 *   <li>If the final step is cold: the same rules with hot and cold swapped and the trend reversed
 *       (an intensifying cold spot has significantly <em>decreasing</em> z).</li>
 *   <li>If the final step is neither: HISTORICAL hot if H ≥ 90% (or HISTORICAL cold if the cold
 *       steps are ≥ 90%), else NO_PATTERN.</li>
 * </ul>
 * Precedence where ArcGIS's wording overlaps: new and consecutive come before oscillating (a new
 * hot spot may have been cold before); a location 90% hot whose final step is not hot is
 * historical, never persistent.
 */
public enum HotSpotCategory {
    NO_PATTERN("no pattern detected"),
    NEW_HOT_SPOT("new hot spot"),
    CONSECUTIVE_HOT_SPOT("consecutive hot spot"),
    INTENSIFYING_HOT_SPOT("intensifying hot spot"),
    PERSISTENT_HOT_SPOT("persistent hot spot"),
    DIMINISHING_HOT_SPOT("diminishing hot spot"),
    SPORADIC_HOT_SPOT("sporadic hot spot"),
    OSCILLATING_HOT_SPOT("oscillating hot spot"),
    HISTORICAL_HOT_SPOT("historical hot spot"),
    NEW_COLD_SPOT("new cold spot"),
    CONSECUTIVE_COLD_SPOT("consecutive cold spot"),
    INTENSIFYING_COLD_SPOT("intensifying cold spot"),
    PERSISTENT_COLD_SPOT("persistent cold spot"),
    DIMINISHING_COLD_SPOT("diminishing cold spot"),
    SPORADIC_COLD_SPOT("sporadic cold spot"),
    OSCILLATING_COLD_SPOT("oscillating cold spot"),
    HISTORICAL_COLD_SPOT("historical cold spot");

    private final String label;

    HotSpotCategory(String label) {
        this.label = label;
    }

    /** ArcGIS's wording, lower case. */
    public String label() {
        return label;
    }

    /**
     * Classifies one location.
     *
     * @param hot hot[s]: step s is a significant hot spot
     * @param cold cold[s]: step s is a significant cold spot
     * @param rising the z series trends significantly upwards
     * @param falling the z series trends significantly downwards
     */
    public static HotSpotCategory classify(boolean[] hot, boolean[] cold, boolean rising, boolean falling) {
        int steps = hot.length;
        if (cold.length != steps || steps == 0) {
            throw new IllegalArgumentException("hot and cold series must have the same, non-zero length");
        }
        int last = steps - 1;
        if (hot[last]) {
            return side(hot, cold, rising, falling, true);
        }
        if (cold[last]) {
            return side(cold, hot, falling, rising, false);
        }
        if (atLeastNinetyPercent(hot)) {
            return HISTORICAL_HOT_SPOT;
        }
        if (atLeastNinetyPercent(cold)) {
            return HISTORICAL_COLD_SPOT;
        }
        return NO_PATTERN;
    }

    /** Rules for a location whose final step is on {@code same}'s side (hot or cold). */
    private static HotSpotCategory side(boolean[] same, boolean[] opposite, boolean intensifying,
                                        boolean diminishing, boolean hotSide) {
        if (atLeastNinetyPercent(same)) {
            if (intensifying) {
                return hotSide ? INTENSIFYING_HOT_SPOT : INTENSIFYING_COLD_SPOT;
            }
            if (diminishing) {
                return hotSide ? DIMINISHING_HOT_SPOT : DIMINISHING_COLD_SPOT;
            }
            return hotSide ? PERSISTENT_HOT_SPOT : PERSISTENT_COLD_SPOT;
        }
        int total = count(same);
        int finalRun = 0;
        for (int s = same.length - 1; s >= 0 && same[s]; s--) {
            finalRun++;
        }
        if (total == 1) {
            return hotSide ? NEW_HOT_SPOT : NEW_COLD_SPOT;
        }
        if (finalRun >= 2 && finalRun == total) {
            return hotSide ? CONSECUTIVE_HOT_SPOT : CONSECUTIVE_COLD_SPOT;
        }
        if (count(opposite) > 0) {
            return hotSide ? OSCILLATING_HOT_SPOT : OSCILLATING_COLD_SPOT;
        }
        return hotSide ? SPORADIC_HOT_SPOT : SPORADIC_COLD_SPOT;
    }

    private static boolean atLeastNinetyPercent(boolean[] flags) {
        return 10L * count(flags) >= 9L * flags.length;
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }
}
