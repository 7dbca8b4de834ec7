package org.ember.rules.counts;

import java.util.Map;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.MetricUpdate;

/**
 * Turns an area's count vectors into the metric updates rules read. Only the counts that changed
 * since the area's previous emission travel, a count that fell back to zero included: the rule
 * evaluator keeps the latest value of every metric, so an unchanged count needs no repeat and a
 * count that drops to zero must say so, or an alert on it would never resolve.
 */
public final class CountMetrics {
    /** The {@link AreaMetrics#source()} of count updates. */
    public static final String SOURCE = "counts";

    private static final String[] NAMES = names();

    private CountMetrics() {}

    private static String[] names() {
        String[] names = new String[CountVocabulary.SIZE];
        for (String window : CountVocabulary.WINDOWS) {
            for (String feed : CountVocabulary.FEEDS) {
                for (String category : CountVocabulary.CATEGORIES) {
                    names[CountVocabulary.index(window, feed, category)] = CountVocabulary.name(window, feed, category);
                }
            }
        }
        return names;
    }

    /** The metric name of one entry of a count vector, e.g. {@code count{window=24h,feed=any,category=weapon}}. */
    public static String name(int index) {
        return NAMES[index];
    }

    /**
     * The counts that differ between two vectors.
     *
     * @param previous the area's previous emission, or null when it had none (all zero)
     */
    public static Map<String, Double> changes(long[] previous, long[] current) {
        // Arrays, not Map.ofEntries: the rules only iterate the update, so its names need no hashing
        // and its values no boxing (MetricUpdate); AreaMetrics keeps it without copying. Once per record and area.
        int n = 0;
        for (int i = 0; i < current.length; i++) {
            if (current[i] != (previous == null ? 0 : previous[i])) {
                n++;
            }
        }
        String[] names = new String[n];
        double[] values = new double[n];
        int k = 0;
        for (int i = 0; i < current.length && k < n; i++) {
            if (current[i] != (previous == null ? 0 : previous[i])) {
                names[k] = NAMES[i];
                values[k++] = current[i];
            }
        }
        return MetricUpdate.of(names, values, n);
    }

    /** The update to publish for one area when its counts changed at {@code asOf}. */
    public static AreaMetrics update(String layer, String areaId, long asOf, long[] previous, long[] current) {
        return update(layer, areaId, asOf, previous, current, 0L);
    }

    /** The update to publish when a record appended to Kafka at {@code appendedAt} changed the counts. */
    public static AreaMetrics update(String layer, String areaId, long asOf, long[] previous, long[] current,
            long appendedAt) {
        return new AreaMetrics(layer, areaId, asOf, SOURCE, changes(previous, current), appendedAt);
    }
}
