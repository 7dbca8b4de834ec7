package org.ember.rules.counts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.model.metrics.AreaMetrics;

/**
 * The job's hourly counting, replayed on a simulated clock without Flink: the same buckets, the same
 * change points and the same "publish the counts that changed" rule as the job's counts stage,
 * for reports that arrive on time. Used by {@code ember rules test}.
 */
public final class SimulatedCounts {
    private final Map<String, TreeMap<Long, long[]>> buckets = new TreeMap<>();

    /** Adds {@code delta} reports of one feed and category to an area's hour. */
    public void add(String layer, String areaId, long eventTime, String feed, String category, boolean weapon, int delta) {
        long hour = HourlyCounts.hourOf(eventTime);
        long[] bucket = buckets.computeIfAbsent(layer + ":" + areaId, k -> new TreeMap<>())
                .computeIfAbsent(hour, h -> HourlyCounts.emptyBucket());
        HourlyCounts.add(bucket, feed, category, weapon, delta);
    }

    /** Every count update the job would publish, in event-time order (areas in key order at equal times). */
    public List<AreaMetrics> updates() {
        List<AreaMetrics> updates = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, long[]>> area : buckets.entrySet()) {
            String[] key = area.getKey().split(":", 2);
            TreeSet<Long> boundaries = new TreeSet<>();
            for (long hour : area.getValue().keySet()) {
                boundaries.addAll(HourlyCounts.changePoints(hour));
            }
            long[] previous = null;
            for (long boundary : boundaries) {
                long[] counts = HourlyCounts.windowCounts(area.getValue().entrySet(), boundary);
                AreaMetrics update = CountMetrics.update(key[0], key[1], boundary, previous, counts);
                if (!update.values().isEmpty()) {
                    updates.add(update);
                }
                previous = counts;
            }
        }
        updates.sort(Comparator.comparingLong(AreaMetrics::asOf));
        return updates;
    }
}
