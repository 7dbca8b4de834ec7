package org.ember.rules.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.MetricUpdate;
import org.junit.jupiter.api.Test;

/**
 * {@link CountChanges} against the comparison it replaces: {@link CountMetrics#update} of a copy of
 * the running sums taken before a step and the sums after it, on random steps of entries (a change
 * into the windows it has not left) and exits (buckets leaving some windows).
 */
class CountChangesTest {
    private static final String[] FEEDS = {"police", "ambulance", "ae", "navigator", "intel"};

    @Test
    void theMarkedEntriesAreTheEntriesThatChangedInTheSameOrder() {
        Random random = new Random(11);
        CountChanges changes = new CountChanges();
        // Two fields after the counts, as the job's running state has (clock, flag): never reported.
        long[] sums = new long[CountVocabulary.SIZE + 2];
        for (int step = 0; step < 20_000; step++) {
            long[] before = sums.clone();
            changes.clear();
            if (random.nextBoolean()) {
                long[] change = randomChange(random);
                long hour = random.nextInt(400) * HourlyCounts.HOUR;
                long clock = hour + random.nextInt(200) * HourlyCounts.HOUR - HourlyCounts.HOUR / 2;
                int entered = HourlyCounts.enterWindows(sums, change, hour, clock);
                assertThat(entered != 0).isEqualTo(HourlyCounts.exit(hour, HourlyCounts.windows() - 1) > clock);
                changes.markWindows(entered, change);
            } else {
                for (int w = 0; w < HourlyCounts.windows(); w++) {
                    if (random.nextInt(3) == 0) {
                        long[] bucket = randomChange(random);
                        HourlyCounts.leave(sums, bucket, w);
                        changes.mark(w, bucket);
                    }
                }
            }
            sums[CountVocabulary.SIZE] = random.nextLong();
            sums[CountVocabulary.SIZE + 1] = random.nextInt(2);
            long[] previous = java.util.Arrays.copyOf(before, CountVocabulary.SIZE);
            long[] current = java.util.Arrays.copyOf(sums, CountVocabulary.SIZE);
            AreaMetrics update = changes.update("lsoa", "E01", step, sums, step * 3L);
            assertThat(changes.isEmpty()).isEqualTo(java.util.Arrays.equals(previous, current));
            if (java.util.Arrays.equals(previous, current)) {
                assertThat(update).isNull();
                continue;
            }
            AreaMetrics reference = CountMetrics.update("lsoa", "E01", step, previous, current, step * 3L);
            assertThat(update).isEqualTo(reference);
            assertThat(entries(update)).isEqualTo(entries(reference));
        }
    }

    @Test
    void aValueAddedThatOverflowsStillChangesTheEntry() {
        CountChanges changes = new CountChanges();
        long[] sums = new long[CountVocabulary.SIZE];
        sums[3] = Long.MAX_VALUE;
        long[] bucket = HourlyCounts.emptyBucket();
        bucket[3] = Long.MIN_VALUE;
        HourlyCounts.leave(sums, bucket, 0); // MAX - MIN wraps round to -1
        changes.mark(0, bucket);
        AreaMetrics update = changes.update("lad", "E09", 1L, sums, 0L);
        assertThat(update.values()).containsOnlyKeys(CountMetrics.name(3));
        assertThat(update.values().get(CountMetrics.name(3))).isEqualTo(-1.0);
    }

    @Test
    void aClearedStepReportsNothing() {
        CountChanges changes = new CountChanges();
        long[] bucket = HourlyCounts.single("police", "violence", true, 1);
        changes.mark(2, bucket);
        assertThat(changes.isEmpty()).isFalse();
        changes.clear();
        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes.update("lsoa", "E01", 0L, new long[CountVocabulary.SIZE], 0L)).isNull();
        changes.mark(1, HourlyCounts.emptyBucket());
        assertThat(changes.isEmpty()).as("a zero bucket changes nothing").isTrue();
    }

    private static long[] randomChange(Random random) {
        if (random.nextInt(20) == 0) {
            return HourlyCounts.emptyBucket(); // a delta of 0: enters windows, changes nothing
        }
        long[] change = HourlyCounts.emptyBucket();
        int reports = 1 + random.nextInt(3);
        for (int r = 0; r < reports; r++) {
            String category = CountVocabulary.CATEGORIES.get(random.nextInt(CountVocabulary.CATEGORIES.size()));
            HourlyCounts.add(change, FEEDS[random.nextInt(FEEDS.length)], category, random.nextBoolean(),
                    random.nextBoolean() ? 1 : -1);
        }
        return change;
    }

    /** The update's entries in their order (the map equality above ignores it). */
    private static List<String> entries(AreaMetrics update) {
        MetricUpdate values = (MetricUpdate) update.values();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(values.name(i) + "=" + values.value(i));
        }
        return out;
    }
}
