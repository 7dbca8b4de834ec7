package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linker reads a report's partners from their buckets, with the same answers as reading every report. */
class FeedTimeBucketsTest {
    private static final LinkageSettings SETTINGS = LinkageSettings.defaults();
    private static final long MINUTE = 60_000L;

    @Test
    void aBucketKeyGivesBackItsFeedAndNumberWhateverTheFeedsName() {
        for (String feed : List.of("police", "ae", "feed@with-at", "")) {
            for (long number : new long[] {0, 1, 2_000_000, -3}) {
                String key = FeedTimeBuckets.key(feed, number);
                assertThat(FeedTimeBuckets.feedOf(key)).isEqualTo(feed);
                assertThat(FeedTimeBuckets.numberOf(key)).isEqualTo(number);
            }
        }
    }

    @Test
    void partnerBucketsCoverEachWindowAndSkipTheReportsOwnFeed() {
        FeedTimeBuckets buckets = new FeedTimeBuckets(SETTINGS);
        long time = Reports.FRIDAY_22H.toEpochMilli(); // on a quarter-hour boundary
        List<BucketSpan> ofPolice = buckets.partnersOf("police", time);
        // police–ae: 30 minutes either side (21:30 to 22:30: 5 buckets); police–ambulance: 20 minutes (21:40 to 22:20: 4).
        long at = FeedTimeBuckets.number(Reports.police("p", Duration.ZERO, 0, false));
        assertThat(ofPolice).containsExactly(new BucketSpan("ae", at - 2, at + 2), new BucketSpan("ambulance", at - 2, at + 1));
        assertThat(FeedTimeBuckets.number(Reports.aeInLsoa("a", Duration.ofMinutes(-30), Reports.LSOA, false, "15-19")))
                .isEqualTo(at - 2);
        assertThat(FeedTimeBuckets.number(Reports.ambulance("c", Duration.ofMinutes(20), 0, false, "15-19"))).isEqualTo(at + 1);
        assertThat(buckets.partnersOf("unlinked", time)).isEmpty();
    }

    @Test
    void linkingFromBucketsGivesTheAnswersOfReadingTheWholeBook() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Report> arrivals = dayOfReports(new Random(seed), 700);
            IncidentLinker linker = new IncidentLinker(SETTINGS);
            IndexedBook indexed = new IndexedBook();
            WholeBook whole = new WholeBook();
            int joined = 0;
            for (Report report : arrivals) {
                IncidentLinker.Result fromBuckets = linker.apply(report, indexed);
                IncidentLinker.Result fromAll = linker.apply(report, whole);
                assertThat(fromBuckets).as("seed %d, report %s", seed, report.key()).isEqualTo(fromAll);
                joined += (int) fromBuckets.changes().stream().filter(c -> c.kind() == GroupChange.Kind.JOINED).count();
            }
            assertThat(joined).as("the sample links reports, so the buckets are exercised").isGreaterThan(50);
            assertThat(indexed.groupOfReports()).isEqualTo(whole.groupOfReports());
            long end = arrivals.stream().mapToLong(Report::time).max().orElseThrow() + SETTINGS.retention().toMillis() + 1;
            assertThat(indexed.heldPuts).as("the linker names what the book holds").isGreaterThan(arrivals.size() / 2);
            linker.expire(end, indexed);
            assertThat(indexed.reportCount()).isZero();
            assertThat(indexed.store.buckets).as("buckets are emptied with their reports").isEmpty();
            assertThat(indexed.store.filled).isNull();
        }
    }

    @Test
    void expiringBucketsFromACursorForgetsWhatReadingTheWholeBookForgets() {
        long hour = 60 * MINUTE;
        for (long seed = 1; seed <= 5; seed++) {
            List<Report> arrivals = dayOfReports(new Random(seed), 700);
            IncidentLinker linker = new IncidentLinker(SETTINGS);
            IndexedBook indexed = new IndexedBook();
            MemoryLinkBook whole = new MemoryLinkBook();
            // The pass as it was before its removals were held back to its end: one removeReport at a time.
            MemoryLinkBook oneByOne = new MemoryLinkBook();
            long first = arrivals.stream().mapToLong(Report::time).min().orElseThrow();
            // Passes start a day before the first report is due, so arrivals (late ones too) and
            // expiry interleave, and incidents are held while a later member is not due.
            long now = first + SETTINGS.retention().toMillis() - 24 * hour;
            Long cursor = null;
            int passes = 0;
            int forgotten = 0;
            for (int i = 0; i < arrivals.size(); i++) {
                Report report = arrivals.get(i);
                IncidentLinker.Result result = linker.apply(report, indexed);
                linker.apply(report, whole);
                linker.apply(report, oneByOne);
                if (!result.stale() && (cursor == null || linker.expiryOf(report) < cursor)) {
                    cursor = linker.expiryOf(report);
                }
                if (i % 10 == 9) {
                    now += hour;
                    int before = whole.reportCount();
                    int forgottenWhole = linker.expire(now, whole);
                    forgotten += before - whole.reportCount();
                    assertThat(forgottenWhole).isEqualTo(forgetOneByOne(linker, now, oneByOne));
                    assertThat(whole.groupOfReports()).isEqualTo(oneByOne.groupOfReports());
                    assertThat(whole.groupCount()).isEqualTo(oneByOne.groupCount());
                    assertThat(whole.bucketCount()).isEqualTo(oneByOne.bucketCount());
                    if (cursor != null && cursor <= now) {
                        IncidentLinker.Expired expired = linker.expire(cursor, now, indexed);
                        // As the job: the next pass waits for the next filled bucket (or a held report).
                        cursor = indexed.reportCount() == 0 ? null : FilledBuckets.nextFrom(
                                Math.min(expired.held(), now + 1), now, indexed.store.filled, SETTINGS);
                        passes++;
                    }
                    assertThat(indexed.groupOfReports()).as("seed %d at %d", seed, now).isEqualTo(whole.groupOfReports());
                    assertThat(indexed.reportCount()).isEqualTo(whole.reportCount());
                    assertThat(indexed.groupCount()).isEqualTo(whole.groupCount());
                }
            }
            assertThat(forgotten).as("the passes forget reports while others arrive").isGreaterThan(100);
            assertThat(passes).isGreaterThan(10);
            long end = now + 4 * 24 * hour;
            linker.expire(cursor, end, indexed);
            assertThat(indexed.reportCount()).isZero();
            assertThat(indexed.groupCount()).isZero();
            assertThat(indexed.store.buckets).isEmpty();
            assertThat(indexed.store.filled).isNull();
        }
    }

    @Test
    void filledBucketsStaySortedAndDistinct() {
        long[] filled = FilledBuckets.with(FilledBuckets.with(FilledBuckets.with(null, 7), 3), 7);
        filled = FilledBuckets.with(filled, 5);
        assertThat(filled).containsExactly(3, 5, 7);
        assertThat(FilledBuckets.firstFrom(filled, 4)).isEqualTo(5);
        assertThat(FilledBuckets.firstFrom(filled, 8)).isEqualTo(Long.MAX_VALUE);
        assertThat(FilledBuckets.without(FilledBuckets.without(filled, 5), 6)).containsExactly(3, 7);
        long now = 100 * 15 * MINUTE + SETTINGS.retention().toMillis();
        assertThat(FilledBuckets.nextFrom(now - 5, now, filled, SETTINGS)).as("a held report comes first").isEqualTo(now - 5);
        assertThat(FilledBuckets.nextFrom(now + 1, now, new long[] {99, 104}, SETTINGS))
                .as("nothing filled from bucket 100 until 104").isEqualTo(now + 4 * 15 * MINUTE);
        assertThat(FilledBuckets.nextFrom(now + 1, now, new long[] {100}, SETTINGS)).isEqualTo(now + 1);
    }

    /** The expiry pass over the whole book as written before its removals were batched: the reference. */
    private static int forgetOneByOne(IncidentLinker linker, long now, MemoryLinkBook book) {
        List<String> loose = new ArrayList<>();
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (FiledReport f : iterate(book.reports())) {
            if (linker.expiryOf(f.report()) <= now) {
                if (f.inGroup()) {
                    groups.add(f.groupId());
                } else {
                    loose.add(f.report().key());
                }
            }
        }
        int forgotten = 0;
        for (String key : loose) {
            book.removeReport(key);
            forgotten++;
        }
        for (String id : groups) {
            LinkGroup group = book.group(id);
            if (group == null) {
                continue;
            }
            boolean allDue = true;
            for (String key : group.members()) {
                FiledReport member = book.report(key);
                allDue &= member == null || linker.expiryOf(member.report()) <= now;
            }
            if (allDue) {
                for (String key : group.members()) {
                    book.removeReport(key);
                    forgotten++;
                }
                book.removeGroup(id);
            }
        }
        return forgotten;
    }

    private static List<FiledReport> iterate(Iterable<FiledReport> reports) {
        List<FiledReport> out = new ArrayList<>();
        reports.forEach(out::add);
        return out;
    }

    /**
     * Three feeds in one square kilometre over three days, arriving in a shuffled order; some are
     * corrected later (moved by up to 40 minutes, often into another bucket) or cancelled.
     */
    private static List<Report> dayOfReports(Random random, int count) {
        String[] feeds = {"police", "ambulance", "ae"};
        List<Report> first = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String feed = feeds[random.nextInt(feeds.length)];
            long time = Reports.FRIDAY_22H.toEpochMilli() + (long) (random.nextDouble() * 3 * 24 * 60) * MINUTE;
            boolean precise = !feed.equals("ae") || random.nextInt(5) == 0;
            first.add(new Report(feed + ":" + i, feed, "r" + i, 1, false, time, Reports.X + random.nextInt(1000),
                    Reports.Y + random.nextInt(1000), -3.179, 51.479, precise, random.nextBoolean() ? Reports.LSOA
                    : Reports.OTHER_LSOA, Reports.LAD, precise ? "250m:1273:703" : null, "violence",
                    random.nextInt(4) == 0, random.nextBoolean() ? "15-19" : "20-24", feed));
        }
        List<Report> arrivals = new ArrayList<>(first);
        java.util.Collections.shuffle(arrivals, random);
        for (Report r : first) {
            int roll = random.nextInt(20);
            if (roll < 3) {
                long moved = r.time() + (random.nextInt(81) - 40) * MINUTE;
                arrivals.add(random.nextInt(arrivals.size() + 1), new Report(r.key(), r.feed(), r.sourceId(), 2, false,
                        moved, r.x() + 50, r.y(), r.lon(), r.lat(), r.precise(), r.lsoa(), r.lad(), r.cell(), r.category(),
                        r.weapon(), r.ageBand(), r.detail()));
            } else if (roll == 3) {
                arrivals.add(Reports.version(r, 3, true, r.category()));
            }
        }
        return arrivals;
    }

    /** A book that hands the linker every report it keeps, whatever buckets are asked for: the old scan. */
    private static final class WholeBook implements LinkBook {
        private final MemoryLinkBook book = new MemoryLinkBook();

        @Override
        public FiledReport report(String key) {
            return book.report(key);
        }

        @Override
        public void putReport(FiledReport report) {
            book.putReport(report);
        }

        @Override
        public void removeReport(String key) {
            book.removeReport(key);
        }

        @Override
        public Iterable<FiledReport> reports() {
            return book.reports();
        }

        @Override
        public Iterable<FiledReport> reportsIn(List<BucketSpan> spans) {
            return book.reports();
        }

        @Override
        public LinkGroup group(String id) {
            return book.group(id);
        }

        @Override
        public void putGroup(LinkGroup group) {
            book.putGroup(group);
        }

        @Override
        public void removeGroup(String id) {
            book.removeGroup(id);
        }

        java.util.Map<String, String> groupOfReports() {
            return book.groupOfReports();
        }
    }
}
