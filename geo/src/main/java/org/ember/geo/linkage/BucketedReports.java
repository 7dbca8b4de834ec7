package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One book's reports by {@link FeedTimeBuckets bucket}, the reports themselves and not their keys,
 * each bucket in filing order: a copy in task memory of what a state-backed {@link LinkBook} keeps
 * as bucket → keys and key → report. Reading a bucket's reports is then one lookup per bucket
 * instead of one per report, which is what {@link LinkBook#reportsIn} costs most in the stream job
 * (a new report reads every report of its partner buckets, an expiry pass every report it passes).
 *
 * <p>Only a copy: the book keeps the state as the source of truth and builds this from it when
 * it has none (after a restore, {@link #rebuild}), so a checkpoint holds everything. The book must
 * tell it every change ({@link #put}, {@link #remove}) with the version it replaces.
 */
public final class BucketedReports {
    private final Map<String, List<FiledReport>> buckets = new HashMap<>();

    /**
     * The index of a book's state: {@code keysByBucket} as the book keeps it (bucket → report keys
     * in filing order), {@code reportOf} its key → report.
     */
    public static BucketedReports rebuild(Iterable<Map.Entry<String, List<String>>> keysByBucket,
            java.util.function.Function<String, FiledReport> reportOf) {
        BucketedReports index = new BucketedReports();
        for (Map.Entry<String, List<String>> e : keysByBucket) {
            List<FiledReport> filed = new ArrayList<>(e.getValue().size());
            for (String key : e.getValue()) {
                FiledReport report = reportOf.apply(key);
                if (report == null) {
                    throw new IllegalStateException("linkage state: bucket " + e.getKey() + " files report " + key
                            + " that the book does not hold");
                }
                filed.add(report);
            }
            if (!filed.isEmpty()) {
                index.buckets.put(e.getKey(), filed);
            }
        }
        return index;
    }

    /**
     * Files {@code report}, which replaces {@code before} (null: a new key). A version in the same
     * bucket keeps its place there; one that moves goes to the end of its new bucket, as the book
     * files it.
     */
    public void put(FiledReport before, FiledReport report) {
        String bucket = FeedTimeBuckets.of(report.report());
        if (before != null) {
            String was = FeedTimeBuckets.of(before.report());
            if (was.equals(bucket)) {
                List<FiledReport> filed = buckets.get(bucket);
                int at = filed == null ? -1 : indexOf(filed, report.report().key());
                if (at >= 0) {
                    filed.set(at, report);
                    return;
                }
                throw new IllegalStateException("linkage index: report " + report.report().key() + " not in " + bucket);
            }
            remove(before);
        }
        buckets.computeIfAbsent(bucket, b -> new ArrayList<>(4)).add(report);
    }

    /** Forgets {@code before}, the version filed under its key. */
    public void remove(FiledReport before) {
        String bucket = FeedTimeBuckets.of(before.report());
        List<FiledReport> filed = buckets.get(bucket);
        if (filed == null) {
            return;
        }
        int at = indexOf(filed, before.report().key());
        if (at >= 0) {
            filed.remove(at);
            if (filed.isEmpty()) {
                buckets.remove(bucket);
            }
        }
    }

    /** Every report filed in {@code wanted}, bucket by bucket in that order, each in filing order. */
    public List<FiledReport> reportsIn(List<String> wanted) {
        List<FiledReport> out = new ArrayList<>();
        for (String bucket : wanted) {
            List<FiledReport> filed = buckets.get(bucket);
            if (filed != null) {
                out.addAll(filed);
            }
        }
        return out;
    }

    /** Whether no report is filed. */
    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Number of buckets with a report in them. */
    public int bucketCount() {
        return buckets.size();
    }

    private static int indexOf(List<FiledReport> filed, String key) {
        for (int i = 0; i < filed.size(); i++) {
            if (filed.get(i).report().key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
