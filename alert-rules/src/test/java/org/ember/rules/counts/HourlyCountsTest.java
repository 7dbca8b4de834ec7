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
    @Test
    void bucketsLeaveWindowsOnlyAtWholeHours() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 10_000; i++) {
            long eventTime = MIDNIGHT + random.nextLong() % (400 * H);
            long hour = HourlyCounts.hourOf(eventTime);
            for (int w = 0; w < HourlyCounts.windows(); w++) {
                assertThat(HourlyCounts.isExitTime(HourlyCounts.exit(hour, w))).isTrue();
                long notAnHour = HourlyCounts.exit(hour, w) + 1 + random.nextInt((int) H - 1);
                assertThat(HourlyCounts.isExitTime(notAnHour)).isFalse();
                // At a time that is not a whole hour, the bucket that would leave is no bucket's hour.
                long exiting = HourlyCounts.exitingHour(w, notAnHour);
                assertThat(HourlyCounts.hourOf(exiting)).isNotEqualTo(exiting);
            }
        }
        assertThat(HourlyCounts.isExitTime(-H)).isTrue();
        assertThat(HourlyCounts.isExitTime(-1)).isFalse();
    }

    @Test
    void enterWindowsNamesTheWindowsThatTookTheChange() {
        long[] change = HourlyCounts.single("police", "robbery", false, 1);
        long[] sums = new long[CountVocabulary.SIZE];
        int any = CountVocabulary.index("1h", "any", "any");
        assertThat(HourlyCounts.enterWindows(sums, change, MIDNIGHT, MIDNIGHT + H / 2)).isEqualTo(0b111);
        assertThat(HourlyCounts.enterWindows(sums, change, MIDNIGHT, MIDNIGHT + 2 * H)).isEqualTo(0b110);
        assertThat(HourlyCounts.enterWindows(sums, change, MIDNIGHT, MIDNIGHT + 25 * H)).isEqualTo(0b100);
        assertThat(HourlyCounts.enterWindows(sums, change, MIDNIGHT, MIDNIGHT + 169 * H)).isZero();
        assertThat(sums[any]).isEqualTo(1);
        assertThat(sums[CountVocabulary.index("24h", "any", "any")]).isEqualTo(2);
        assertThat(sums[CountVocabulary.index("7d", "police", "robbery")]).isEqualTo(3);
    }
}
