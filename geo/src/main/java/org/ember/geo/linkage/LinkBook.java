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

    LinkGroup group(String id);

    void putGroup(LinkGroup group);

    void removeGroup(String id);
}
