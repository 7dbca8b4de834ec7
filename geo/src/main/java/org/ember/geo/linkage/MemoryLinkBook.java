package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link LinkBook} in memory. */
public final class MemoryLinkBook implements LinkBook {
    private final Map<String, FiledReport> reports = new LinkedHashMap<>();
    private final Map<String, LinkGroup> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> buckets = new HashMap<>();

    @Override
    public FiledReport report(String key) {
        return reports.get(key);
    }

    @Override
    public void putReport(FiledReport report) {
        String key = report.report().key();
        FiledReport before = reports.put(key, report);
        String bucket = FeedTimeBuckets.of(report.report());
        if (before != null) {
            String was = FeedTimeBuckets.of(before.report());
            if (was.equals(bucket)) {
                return;
            }
            unfile(was, key);
        }
        buckets.computeIfAbsent(bucket, b -> new LinkedHashSet<>()).add(key);
    }

    @Override
    public void removeReport(String key) {
        FiledReport before = reports.remove(key);
        if (before != null) {
            unfile(FeedTimeBuckets.of(before.report()), key);
        }
    }

    private void unfile(String bucket, String key) {
        Set<String> keys = buckets.get(bucket);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            buckets.remove(bucket);
        }
    }

    @Override
    public Iterable<FiledReport> reportsIn(List<BucketSpan> spans) {
        List<FiledReport> out = new ArrayList<>();
        for (BucketSpan span : spans) {
            for (long b = span.first(); b <= span.last(); b++) {
                for (String key : buckets.getOrDefault(FeedTimeBuckets.bucket(span.feed(), b), Set.of())) {
                    out.add(reports.get(key));
                }
            }
        }
        return out;
    }

    /** The {@link FilledBuckets} of this book. */
    public long[] filledBuckets() {
        long[] filled = new long[0];
        for (String bucket : buckets.keySet()) {
            filled = FilledBuckets.with(filled, FeedTimeBuckets.numberOf(bucket));
        }
        return filled;
    }

    /** Number of buckets in use: none once every report is forgotten. */
    public int bucketCount() {
        return buckets.size();
    }

    @Override
    public Iterable<FiledReport> reports() {
        return reports.values();
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

    public int reportCount() {
        return reports.size();
    }

    public int groupCount() {
        return groups.size();
    }

    /** Linked incident id of every report currently in one, by report key. */
    public Map<String, String> groupOfReports() {
        Map<String, String> out = new LinkedHashMap<>();
        reports.values().stream().filter(FiledReport::inGroup).forEach(r -> out.put(r.report().key(), r.groupId()));
        return out;
    }
}
