package org.ember.fusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** How every layer decides what is news, and the small helpers they share. */
final class Publish {
    static final int MAX_EVIDENCE = 10;

    /** Families whose values move continuously (z-scores, fading risks, expectations, shares). */
    private static final Set<String> CONTINUOUS = Set.of("gi_z", "gi_z_max", "near_repeat_risk", "rivalry_risk",
            "intel_tension", "navigator_risk", "tension_score", "seasonal_expected", "seasonal_exceedance",
            "seasonal_exceedance_probability", "health_only_share");

    private static final Map<String, Boolean> CONTINUOUS_NAMES = new ConcurrentHashMap<>();

    private Publish() {}

    static boolean continuous(String metric) {
        int brace = metric.indexOf('{');
        return CONTINUOUS.contains(brace < 0 ? metric : metric.substring(0, brace));
    }

    /**
     * Whether new values differ enough from the published ones to publish again: any count or level,
     * any metric appearing or disappearing, or a continuous value moving by at least
     * {@code tolerance} (relative above 1), or to or from zero. Slowly fading risks and drifting
     * z-scores are published in steps, not every hour.
     */
    static boolean materially(Map<String, Double> published, Map<String, Double> next, double tolerance) {
        if (!published.keySet().equals(next.keySet())) {
            return true;
        }
        for (Map.Entry<String, Double> e : next.entrySet()) {
            double before = published.get(e.getKey());
            double now = e.getValue();
            if (before == now) {
                continue;
            }
            if (!CONTINUOUS_NAMES.computeIfAbsent(e.getKey(), Publish::continuous) || (now == 0) != (before == 0)
                    || moved(before, now, tolerance)) {
                return true;
            }
        }
        return false;
    }

    /** A continuous value moved by at least {@code tolerance} (relative above 1). */
    static boolean moved(double before, double now, double tolerance) {
        return Math.abs(now - before) >= tolerance * Math.max(1, Math.abs(before));
    }

    /** Six decimals: enough for any metric, and stable enough that "unchanged" means unchanged. */
    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        return Math.round(value * 1e6) / 1e6;
    }

    static Map<String, Double> zeros(Map<String, Double> values) {
        Map<String, Double> zeros = new LinkedHashMap<>();
        values.keySet().forEach(k -> zeros.put(k, 0.0));
        return zeros;
    }

    static List<String> capped(List<String> ids) {
        return ids.size() <= MAX_EVIDENCE ? ids : ids.subList(0, MAX_EVIDENCE);
    }

    static <V> void clearBook(LadState.Book<V> book) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, V> e : book.entries()) {
            keys.add(e.getKey());
        }
        keys.forEach(book::remove);
    }

    /**
     * The book's values, read once and only when first asked for: most incremental ticks never need
     * the whole state, and copying it was a tenth of the tick's time. Ask within the call that made
     * it, while the book is unchanged.
     */
    static <V> java.util.function.Supplier<List<V>> valuesOnDemand(LadState.Book<V> book) {
        return new java.util.function.Supplier<>() {
            private List<V> values;

            @Override
            public List<V> get() {
                if (values == null) {
                    values = values(book);
                }
                return values;
            }
        };
    }

    static <V> List<V> values(LadState.Book<V> book) {
        List<V> out = new ArrayList<>();
        for (Map.Entry<String, V> e : book.entries()) {
            out.add(e.getValue());
        }
        return out;
    }
}
