package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketedReportsTest {
    private static final long T = Reports.FRIDAY_22H.toEpochMilli();
    private static final List<String> FEEDS = List.of("police", "ambulance", "ae");

    /**
     * The straightforward book the stream job keeps in state: key → report, and bucket → keys in
     * filing order, a moved report unfiled from its old bucket and appended to its new one.
     */
    private static final class KeyedBook {
        final Map<String, FiledReport> reports = new HashMap<>();
        final Map<String, List<String>> byBucket = new LinkedHashMap<>();

        FiledReport put(FiledReport report) {
            String key = report.report().key();
            FiledReport before = reports.put(key, report);
            String bucket = FeedTimeBuckets.of(report.report());
            if (before != null) {
                if (FeedTimeBuckets.of(before.report()).equals(bucket)) {
                    return before;
                }
                unfile(before);
            }
            byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(key);
            return before;
        }

        FiledReport remove(String key) {
            FiledReport before = reports.remove(key);
            if (before != null) {
                unfile(before);
            }
            return before;
        }

        private void unfile(FiledReport before) {
            String bucket = FeedTimeBuckets.of(before.report());
            List<String> keys = byBucket.get(bucket);
            keys.remove(before.report().key());
            if (keys.isEmpty()) {
                byBucket.remove(bucket);
            }
        }

        List<FiledReport> reportsIn(List<String> wanted) {
            List<FiledReport> out = new ArrayList<>();
            for (String bucket : wanted) {
                for (String key : byBucket.getOrDefault(bucket, List.of())) {
                    out.add(reports.get(key));
                }
            }
            return out;
        }
    }

    private static FiledReport filed(String feed, int id, int version, long time, String group) {
        Report r = new Report(feed + ":" + id, feed, "R" + id, version, group == null, time, 0, 0, 0, 0, true, null, "L",
                null, "violence", false, null, "d");
        return new FiledReport(r, group, group == null ? 0 : 0.5);
    }

    private static List<String> allBuckets(long from, long to) {
        List<String> out = new ArrayList<>();
        for (String feed : FEEDS) {
            for (long b = Math.floorDiv(from, FeedTimeBuckets.BUCKET_MILLIS); b <= Math.floorDiv(to, FeedTimeBuckets.BUCKET_MILLIS);
                    b++) {
                out.add(FeedTimeBuckets.bucket(feed, b));
            }
        }
        return out;
    }

    /**
     * Random puts (new keys, versions in the same bucket, versions moved to another bucket, times on
     * bucket edges) and removals: the index answers every bucket list as the keyed book does, in the
     * same order, and so does one rebuilt from the keyed book at any point.
     */
    @Test
    void answersAsTheKeyedBookOnRandomChanges() {
        for (long seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            KeyedBook book = new KeyedBook();
            BucketedReports index = new BucketedReports();
            Map<String, Integer> versions = new HashMap<>();
            long span = 4 * FeedTimeBuckets.BUCKET_MILLIS;
            for (int step = 0; step < 400; step++) {
                String feed = FEEDS.get(random.nextInt(FEEDS.size()));
                int id = random.nextInt(30);
                String key = feed + ":" + id;
                if (random.nextInt(5) == 0) {
                    FiledReport before = book.remove(key);
                    if (before != null) {
                        index.remove(before);
                    }
                } else {
                    // On a bucket edge one time in four: the edges are where filing could go wrong.
                    long time = random.nextInt(4) == 0 ? T + random.nextInt(5) * FeedTimeBuckets.BUCKET_MILLIS - random.nextInt(2)
                            : T + (long) (random.nextDouble() * span);
                    int version = versions.merge(key, 1, Integer::sum);
                    FiledReport report = filed(feed, id, version, time, random.nextInt(4) == 0 ? null : "G" + random.nextInt(6));
                    index.put(book.put(report), report);
                }
                List<String> wanted = allBuckets(T - FeedTimeBuckets.BUCKET_MILLIS, T + span + FeedTimeBuckets.BUCKET_MILLIS);
                java.util.Collections.shuffle(wanted, random);
                List<String> some = wanted.subList(0, random.nextInt(wanted.size() + 1));
                assertThat(index.reportsIn(some)).as("seed %d step %d", seed, step).isEqualTo(book.reportsIn(some));
                assertThat(index.isEmpty()).isEqualTo(book.reports.isEmpty());
                assertThat(index.bucketCount()).isEqualTo(book.byBucket.size());
                if (step % 50 == 0) {
                    BucketedReports rebuilt = BucketedReports.rebuild(book.byBucket.entrySet(), book.reports::get);
                    assertThat(rebuilt.reportsIn(wanted)).isEqualTo(book.reportsIn(wanted));
                }
            }
        }
    }

    @Test
    void emptyAndUnknownBucketsReadNothing() {
        BucketedReports index = BucketedReports.rebuild(List.of(), key -> null);
        assertThat(index.isEmpty()).isTrue();
        assertThat(index.reportsIn(List.of())).isEmpty();
        assertThat(index.reportsIn(List.of("police@1", "ae@-3"))).isEmpty();
        FiledReport a = filed("police", 1, 1, T, "G1");
        index.put(null, a);
        index.remove(a);
        assertThat(index.isEmpty()).as("the last report out leaves no bucket behind").isTrue();
    }

    @Test
    void aBucketFilingAReportTheBookLacksFailsLoudly() {
        Map<String, List<String>> byBucket = Map.of("police@1", List.of("police:9"));
        assertThatThrownBy(() -> BucketedReports.rebuild(byBucket.entrySet(), key -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("police:9");
    }
}
