package org.ember.rules.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.model.CountVocabulary;
import org.junit.jupiter.api.Test;

class HourlyCountsTest {
    private static final long H = HourlyCounts.HOUR;
    private static final long MIDNIGHT = 1_741_910_400_000L; // 2025-03-14T00:00Z

    @Test
    void aReportCountsForAnyFeedAnyCategoryItsOwnAndWeaponWhenFlagged() {
        long[] bucket = HourlyCounts.emptyBucket();
        HourlyCounts.add(bucket, "police", "violence", true, +1);
        Map<Long, long[]> buckets = new TreeMap<>(Map.of(MIDNIGHT, bucket));
        long[] counts = HourlyCounts.windowCounts(buckets.entrySet(), MIDNIGHT + H);
        assertThat(counts[CountVocabulary.index("1h", "any", "any")]).isEqualTo(1);
        assertThat(counts[CountVocabulary.index("1h", "police", "violence")]).isEqualTo(1);
        assertThat(counts[CountVocabulary.index("24h", "police", "weapon")]).isEqualTo(1);
        assertThat(counts[CountVocabulary.index("7d", "any", "weapon")]).isEqualTo(1);
        assertThat(counts[CountVocabulary.index("1h", "ae", "any")]).isZero();
        assertThat(counts[CountVocabulary.index("1h", "any", "robbery")]).isZero();
    }

    @Test
    void aBucketLeavesEachWindowAtItsChangePoints() {
        long[] bucket = HourlyCounts.emptyBucket();
        HourlyCounts.add(bucket, "ae", "violence", false, +1);
        Map<Long, long[]> buckets = Map.of(MIDNIGHT, bucket);
        assertThat(HourlyCounts.changePoints(MIDNIGHT))
                .containsExactly(MIDNIGHT + H, MIDNIGHT + 2 * H, MIDNIGHT + 25 * H, MIDNIGHT + 169 * H);
        int oneHour = CountVocabulary.index("1h", "any", "any");
        int day = CountVocabulary.index("24h", "any", "any");
        int week = CountVocabulary.index("7d", "any", "any");
        assertThat(HourlyCounts.windowCounts(buckets.entrySet(), MIDNIGHT)[week]).as("not yet complete").isZero();
        long[] atTwo = HourlyCounts.windowCounts(buckets.entrySet(), MIDNIGHT + 2 * H);
        assertThat(List.of(atTwo[oneHour], atTwo[day], atTwo[week])).containsExactly(0L, 1L, 1L);
        long[] atDay = HourlyCounts.windowCounts(buckets.entrySet(), MIDNIGHT + 25 * H);
        assertThat(List.of(atDay[oneHour], atDay[day], atDay[week])).containsExactly(0L, 0L, 1L);
        assertThat(HourlyCounts.expired(MIDNIGHT, MIDNIGHT + 168 * H)).isFalse();
        assertThat(HourlyCounts.expired(MIDNIGHT, MIDNIGHT + 169 * H)).isTrue();
    }

    @Test
    void aWithdrawalCancelsAnAddition() {
        long[] bucket = HourlyCounts.emptyBucket();
        HourlyCounts.add(bucket, "police", "robbery", true, +1);
        HourlyCounts.add(bucket, "police", "robbery", true, -1);
        assertThat(bucket).containsOnly(0L);
    }

    @Test
    void hoursAreUtcBoundariesSoClockChangesNeitherCreateNorLoseCounts() {
        long beforeChange = java.time.Instant.parse("2025-03-30T00:30:00Z").toEpochMilli();
        long afterChange = java.time.Instant.parse("2025-03-30T01:30:00Z").toEpochMilli();
        assertThat(HourlyCounts.hourOf(afterChange) - HourlyCounts.hourOf(beforeChange)).isEqualTo(H);
    }
}
