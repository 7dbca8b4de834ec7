package org.ember.geo.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LinkBook} built as the job's keyed-state book is: reports in a map, a {@link BucketIndex}
 * over maps, and the linker's word taken for what it holds ({@code held}, {@link #removeReports}),
 * which this book checks against what it really holds.
 */
final class IndexedBook implements LinkBook {
    private final Map<String, FiledReport> reports = new HashMap<>();
    private final Map<String, LinkGroup> groups = new LinkedHashMap<>();
    final MapStore store = new MapStore();
    private final BucketIndex index = new BucketIndex(store, LinkageSettings.defaults().linkedFeeds());

    IndexedBook() {
        index.enter("the book");
    }
    /** How often the linker named what the book holds, so that it was not read again. */
    int heldPuts;

    /** The index's store in maps, the filled numbers as the job keeps them (null when none). */
    static final class MapStore implements BucketIndex.Store {
        final Map<String, List<String>> buckets = new HashMap<>();
        long[] filled;

        @Override
        public List<String> get(String bucket) {
            return buckets.get(bucket);
        }

        @Override
        public void put(String bucket, List<String> keys) {
            buckets.put(bucket, keys);
        }

        @Override
        public void remove(String bucket) {
            buckets.remove(bucket);
        }

        @Override
        public Iterable<String> buckets() {
            return new ArrayList<>(buckets.keySet());
        }

        @Override
        public long[] filled() {
            return filled;
        }

        @Override
        public void filled(long[] numbers) {
            filled = numbers == null || numbers.length == 0 ? null : numbers;
        }
    }

    @Override
    public FiledReport report(String key) {
        return reports.get(key);
    }

    @Override
    public void putReport(FiledReport report) {
        putReport(report, reports.get(report.report().key()));
        heldPuts--;
    }

    @Override
    public void putReport(FiledReport report, FiledReport held) {
        assertThat(held).as("what the book holds under %s", report.report().key())
                .isEqualTo(reports.get(report.report().key()));
        heldPuts++;
        reports.put(report.report().key(), report);
        index.file(report, held);
    }

    @Override
    public void removeReport(String key) {
        FiledReport before = reports.remove(key);
        if (before != null) {
            index.unfile(before);
        }
    }

    @Override
    public void removeReports(List<FiledReport> held) {
        Set<String> keys = new HashSet<>();
        for (FiledReport report : held) {
            assertThat(keys.add(report.report().key())).as("distinct").isTrue();
            assertThat(report).isEqualTo(reports.get(report.report().key()));
        }
        for (FiledReport report : held) {
            reports.remove(report.report().key());
        }
        index.unfileAll(held);
    }

    @Override
    public Iterable<FiledReport> reports() {
        return new ArrayList<>(reports.values());
    }

    @Override
    public Iterable<FiledReport> reportsIn(List<BucketSpan> spans) {
        List<FiledReport> out = new ArrayList<>();
        for (String key : index.keysIn(spans)) {
            out.add(reports.get(key));
        }
        return out;
    }

    @Override
    public LinkGroup group(String id) {
        return groups.get(id);
    }

    @Override
    public void putGroup(LinkGroup group) {
        groups.put(group.id(), group);
    }

    @Override
    public void removeGroup(String id) {
        groups.remove(id);
    }

    int reportCount() {
        return reports.size();
    }

    int groupCount() {
        return groups.size();
    }

    Map<String, String> groupOfReports() {
        Map<String, String> out = new java.util.TreeMap<>();
        reports.values().stream().filter(FiledReport::inGroup).forEach(r -> out.put(r.report().key(), r.groupId()));
        return out;
    }
}
