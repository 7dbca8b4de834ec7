package org.ember.geo.linkage;

/**
 * Where the linker keeps its reports and linked incidents: a map in memory for tests and batch
 * evaluation ({@link MemoryLinkBook}), keyed Flink state in the stream job. One book holds one
 * partition of the reports (the job keeps one per local authority).
 */
public interface LinkBook {
    FiledReport report(String key);

    void putReport(FiledReport report);

    /**
     * {@link #putReport(FiledReport)} when the caller knows what the book holds under the report's key
     * now ({@code held}, null when nothing): a book may then skip reading it again.
     */
    default void putReport(FiledReport report, FiledReport held) {
        putReport(report);
    }

    void removeReport(String key);

    /**
     * {@link #removeReport} of each of {@code held}, distinct reports each as the book holds it now (read
     * since, unchanged): a book may skip reading them again and update each bucket once.
     */
    default void removeReports(java.util.List<FiledReport> held) {
        for (FiledReport report : held) {
            removeReport(report.report().key());
        }
    }

    /** Every report kept, in no particular order. */
    Iterable<FiledReport> reports();

    /**
     * Every report kept whose {@linkplain FeedTimeBuckets#of bucket} lies in one of {@code spans}, span
     * by span, each in bucket order. A book files each report it is given in its bucket (again when a
     * new version moves it) and forgets it there when the report is removed.
     */
    Iterable<FiledReport> reportsIn(java.util.List<BucketSpan> spans);

    LinkGroup group(String id);

    void putGroup(LinkGroup group);

    void removeGroup(String id);
}
