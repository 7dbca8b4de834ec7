package org.ember.rules.counts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;

/**
 * The job's running counts, replayed on a simulated clock without Flink, for reports that arrive on
 * time: a report enters every window at its own event time and leaves each at its
 * {@link HourlyCounts#exit}, and each change publishes the counts that changed, exactly as the job's
 * counts stage does. Used by {@code ember rules test}.
 */
public final class SimulatedCounts {
    /** Per area, event time → the bucket of reports at exactly that time. */
    private final Map<String, TreeMap<Long, long[]>> reports = new TreeMap<>();

    /** Adds {@code delta} reports of one feed and category to an area at {@code eventTime}. */
    public void add(String layer, String areaId, long eventTime, String feed, String category, boolean weapon, int delta) {
        long[] bucket = reports.computeIfAbsent(layer + ":" + areaId, k -> new TreeMap<>())
                .computeIfAbsent(eventTime, h -> HourlyCounts.emptyBucket());
        HourlyCounts.add(bucket, feed, category, weapon, delta);
    }

    /** Every count update the job would publish, in event-time order (areas in key order at equal times). */
    public List<AreaMetrics> updates() {
        List<AreaMetrics> updates = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, long[]>> area : reports.entrySet()) {
            String[] key = area.getKey().split(":", 2);
            // Entries and exits, in time order; at one time exits go first (they happened "at" it).
            TreeMap<Long, List<Runnable>> changes = new TreeMap<>();
            long[] sums = new long[CountVocabulary.SIZE];
            for (Map.Entry<Long, long[]> r : area.getValue().entrySet()) {
                long[] bucket = r.getValue();
                long hour = HourlyCounts.hourOf(r.getKey());
                changes.computeIfAbsent(r.getKey(), t -> new ArrayList<>())
                        .add(() -> HourlyCounts.enter(sums, bucket, hour, r.getKey()));
                for (int w = 0; w < HourlyCounts.windows(); w++) {
                    int window = w;
                    changes.computeIfAbsent(HourlyCounts.exit(hour, w), t -> new ArrayList<>())
                            .add(0, () -> HourlyCounts.leave(sums, bucket, window));
                }
            }
            long[] previous = null;
            for (Map.Entry<Long, List<Runnable>> at : changes.entrySet()) {
                at.getValue().forEach(Runnable::run);
                AreaMetrics update = CountMetrics.update(key[0], key[1], at.getKey(), previous, sums);
                if (!update.values().isEmpty()) {
                    updates.add(update);
                }
                previous = sums.clone();
            }
        }
        updates.sort(Comparator.comparingLong(AreaMetrics::asOf));
        return updates;
    }
}
