package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bucket index reads what a book that names every bucket reads ({@link MemoryLinkBook}), in the
 * same order, and removing reports all at once leaves it as removing them one by one does.
 */
class BucketIndexTest {
    private static final List<String> FEEDS = LinkageSettings.defaults().linkedFeeds();
    private static final long QUARTER = 15 * 60_000L;

    @Test
    void readsTheReportsOfEveryBucketOfTheSpansInOrderAcrossScopesAndRestarts() {
        int nonEmptyReads = 0;
        int restarts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            Scoped store = new Scoped();
            BucketIndex index = new BucketIndex(store, FEEDS);
            Map<String, MemoryLinkBook> references = new HashMap<>();
            Map<String, Map<String, FiledReport>> helds = new HashMap<>();
            for (int step = 0; step < 600; step++) {
                String scope = "block-" + random.nextInt(3);
                store.scope = scope;
                if (random.nextInt(40) == 0) {
                    index = new BucketIndex(store, FEEDS); // a restart: memory rebuilt from the store
                    restarts++;
                }
                index.enter(scope);
                MemoryLinkBook reference = references.computeIfAbsent(scope, s -> new MemoryLinkBook());
                Map<String, FiledReport> held = helds.computeIfAbsent(scope, s -> new HashMap<>());
                int roll = random.nextInt(10);
                if (roll < 6 || held.isEmpty()) {
                    FiledReport report = filed(random);
                    FiledReport before = held.put(report.report().key(), report);
                    index.file(report, before);
                    reference.putReport(report);
                } else if (roll < 8) {
                    String key = pick(random, held);
                    index.unfile(held.remove(key));
                    reference.removeReport(key);
                } else {
                    List<FiledReport> gone = new ArrayList<>();
                    for (String key : sorted(held)) {
                        if (random.nextInt(3) == 0) {
                            gone.add(held.remove(key));
                            reference.removeReport(key);
                        }
                    }
                    index.unfileAll(gone);
                }
                for (int read = 0; read < 3; read++) {
                    List<BucketSpan> spans = spans(random);
                    List<String> expected = new ArrayList<>();
                    reference.reportsIn(spans).forEach(f -> expected.add(f.report().key()));
                    assertThat(index.keysIn(spans)).as("seed %d step %d %s", seed, step, spans).isEqualTo(expected);
                    nonEmptyReads += expected.isEmpty() ? 0 : 1;
                }
                IndexedBook.MapStore own = store.current();
                assertThat(own.filled == null ? new long[0] : own.filled).as("seed %d step %d", seed, step)
                        .isEqualTo(reference.filledBuckets());
                assertThat(own.buckets.size()).isEqualTo(reference.bucketCount());
            }
        }
        assertThat(nonEmptyReads).as("the spans find reports").isGreaterThan(1000);
        assertThat(restarts).isGreaterThan(100);
    }

    /** One store per scope, as keyed state shows the current key's. */
    private static final class Scoped implements BucketIndex.Store {
        private final Map<String, IndexedBook.MapStore> stores = new HashMap<>();
        String scope;

        IndexedBook.MapStore current() {
            return stores.computeIfAbsent(scope, s -> new IndexedBook.MapStore());
        }

        @Override
        public List<String> get(String bucket) {
            return current().get(bucket);
        }

        @Override
        public void put(String bucket, List<String> keys) {
            current().put(bucket, keys);
        }

        @Override
        public void remove(String bucket) {
            current().remove(bucket);
        }

        @Override
        public Iterable<String> buckets() {
            return current().buckets();
        }

        @Override
        public long[] filled() {
            return current().filled();
        }

        @Override
        public void filled(long[] numbers) {
            current().filled(numbers);
        }
    }

    @Test
    void removingAllAtOnceLeavesWhatRemovingOneByOneLeaves() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            IndexedBook.MapStore once = new IndexedBook.MapStore();
            IndexedBook.MapStore oneByOne = new IndexedBook.MapStore();
            BucketIndex atOnce = new BucketIndex(once, FEEDS);
            BucketIndex single = new BucketIndex(oneByOne, FEEDS);
            atOnce.enter("block");
            single.enter("block");
            Map<String, FiledReport> held = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                FiledReport report = filed(random);
                FiledReport before = held.put(report.report().key(), report);
                atOnce.file(report, before);
                single.file(report, before);
            }
            List<FiledReport> gone = new ArrayList<>();
            for (String key : sorted(held)) {
                if (random.nextInt(4) != 0) {
                    gone.add(held.remove(key));
                }
            }
            atOnce.unfileAll(gone);
            gone.forEach(single::unfile);
            assertThat(once.buckets).as("seed %d", seed).isEqualTo(oneByOne.buckets);
            assertThat(once.filled).isEqualTo(oneByOne.filled);
        }
    }

    @Test
    void cachedBucketNamesAreTheNamesAlsoWhenSlotsAreShared() {
        BucketIndex index = new BucketIndex(new IndexedBook.MapStore(), FEEDS);
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String feed = FEEDS.get(random.nextInt(FEEDS.size()));
            // Numbers 4096 apart share a slot; recent ones come back often.
            long number = 2_000_000 + random.nextInt(8) + 4096L * random.nextInt(3);
            assertThat(index.name(new String(feed), number)).isEqualTo(FeedTimeBuckets.bucket(feed, number));
            // "Aa" and "BB" hash alike: one slot, two feeds.
            String twin = random.nextBoolean() ? "Aa" : "BB";
            assertThat(index.name(twin, number)).isEqualTo(FeedTimeBuckets.bucket(twin, number));
        }
    }

    /** A report of a random feed in one of 12 quarter hours, keys drawn from 40 so that versions move it. */
    private static FiledReport filed(Random random) {
        String feed = FEEDS.get(random.nextInt(FEEDS.size()));
        String key = feed + ":" + random.nextInt(40);
        long time = (1000 + random.nextInt(12)) * QUARTER + random.nextInt((int) QUARTER);
        Report report = new Report(key, feed, key, 1, false, time, 0, 0, 0, 0, true, null, "W1", null, "violence", false,
                null, feed);
        return new FiledReport(report, "LI-" + key, 1.0);
    }

    private static List<BucketSpan> spans(Random random) {
        List<BucketSpan> spans = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            long first = 998 + random.nextInt(16);
            spans.add(new BucketSpan(FEEDS.get(random.nextInt(FEEDS.size())), first, first + random.nextInt(6) - 1));
        }
        return spans;
    }

    private static String pick(Random random, Map<String, FiledReport> held) {
        List<String> keys = sorted(held);
        return keys.get(random.nextInt(keys.size()));
    }

    private static List<String> sorted(Map<String, FiledReport> held) {
        List<String> keys = new ArrayList<>(held.keySet());
        java.util.Collections.sort(keys);
        return keys;
    }
}
