package org.ember.geo.linkage;

/**
 * Where the linker keeps its reports and linked incidents: a map in memory for tests and batch
 * evaluation ({@link MemoryLinkBook}), keyed Flink state in the stream job. One book holds one
 * partition of the reports (the job keeps one per local authority).
 */
public interface LinkBook {
    FiledReport report(String key);

    void putReport(FiledReport report);

    void removeReport(String key);

    /** Every report kept, in no particular order. */
    Iterable<FiledReport> reports();

    /**
     * Every report kept whose {@linkplain FeedTimeBuckets#of bucket} is one of {@code buckets}, in
     * no particular order. A book files each report it is given in its bucket (again when a new
     * version moves it) and forgets it there when the report is removed.
     */
    Iterable<FiledReport> reportsIn(java.util.List<String> buckets);

    LinkGroup group(String id);

    void putGroup(LinkGroup group);

    void removeGroup(String id);
}
