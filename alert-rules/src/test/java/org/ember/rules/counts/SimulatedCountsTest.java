package org.ember.rules.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.ember.model.metrics.AreaMetrics;
import org.junit.jupiter.api.Test;

class SimulatedCountsTest {
    private static final long H = HourlyCounts.HOUR;
    private static final long FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z").toEpochMilli();
    private static final String WEAPONS_1H = "count{window=1h,feed=any,category=weapon}";
    private static final String WEAPONS_24H = "count{window=24h,feed=any,category=weapon}";

    @Test
    void aReportCountsFromItsOwnTimeAndLeavesAtTheEndOfItsHourPlusTheWindow() {
        SimulatedCounts counts = new SimulatedCounts();
        counts.add("lsoa", "W01001876", FRIDAY_22H + 5 * 60_000, "police", "violence", true, 1);
        counts.add("lsoa", "W01001876", FRIDAY_22H + 40 * 60_000, "ambulance", "violence", true, 1);
        List<AreaMetrics> updates = counts.updates();
        assertThat(updates).extracting(AreaMetrics::asOf).containsExactly(FRIDAY_22H + 5 * 60_000, FRIDAY_22H + 40 * 60_000,
                FRIDAY_22H + 2 * H, FRIDAY_22H + 25 * H, FRIDAY_22H + 169 * H);
        assertThat(updates.get(0).values()).as("the first report counts at once").containsEntry(WEAPONS_1H, 1.0)
                .containsEntry(WEAPONS_24H, 1.0);
        assertThat(updates.get(1).values()).containsEntry(WEAPONS_1H, 2.0).containsEntry(WEAPONS_24H, 2.0);
        assertThat(updates.get(2).values()).as("the hour left the 1h window only").containsEntry(WEAPONS_1H, 0.0)
                .doesNotContainKey(WEAPONS_24H);
        assertThat(updates.get(4).values()).as("everything back to zero at the end").containsEntry(
                "count{window=7d,feed=any,category=any}", 0.0).allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(updates).allSatisfy(u -> assertThat(u.source()).isEqualTo(CountMetrics.SOURCE));
    }

    @Test
    void runningSumsEqualTheSumsOfTheBucketsForReportsOnTime() {
        java.util.Random random = new java.util.Random(10);
        SimulatedCounts counts = new SimulatedCounts();
        java.util.TreeMap<Long, long[]> buckets = new java.util.TreeMap<>();
        for (int i = 0; i < 200; i++) {
            long t = FRIDAY_22H + (long) (random.nextDouble() * 10 * 24 * H);
            boolean weapon = random.nextBoolean();
            counts.add("lsoa", "W01001876", t, "police", "violence", weapon, 1);
            HourlyCounts.add(buckets.computeIfAbsent(HourlyCounts.hourOf(t), h -> HourlyCounts.emptyBucket()), "police",
                    "violence", weapon, 1);
        }
        java.util.Map<String, Double> latest = new java.util.HashMap<>();
        for (AreaMetrics u : counts.updates()) {
            latest.putAll(u.values());
            if (u.asOf() % H == 0) {
                // At an hour boundary the running sums are the windows ending there.
                long[] expected = HourlyCounts.windowCounts(buckets.entrySet(), u.asOf());
                for (int i = 0; i < expected.length; i++) {
                    assertThat(latest.getOrDefault(CountMetrics.name(i), 0.0)).isEqualTo((double) expected[i]);
                }
            }
        }
    }

    @Test
    void changesListOnlyDifferencesAndZeroForWhatWentBackToZero() {
        long[] before = new long[org.ember.model.CountVocabulary.SIZE];
        long[] after = before.clone();
        before[3] = 2;
        after[5] = 1;
        assertThat(CountMetrics.changes(before, after)).containsOnlyKeys(CountMetrics.name(3), CountMetrics.name(5))
                .containsEntry(CountMetrics.name(3), 0.0).containsEntry(CountMetrics.name(5), 1.0);
        assertThat(CountMetrics.changes(null, after)).containsOnlyKeys(CountMetrics.name(5));
    }
}
