package org.ember.geo.linkage;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link LinkBook} in memory. */
public final class MemoryLinkBook implements LinkBook {
    private final Map<String, FiledReport> reports = new LinkedHashMap<>();
    private final Map<String, LinkGroup> groups = new LinkedHashMap<>();

    @Override
    public FiledReport report(String key) {
        return reports.get(key);
    }

    @Override
    public void putReport(FiledReport report) {
        reports.put(report.report().key(), report);
    }

    @Override
    public void removeReport(String key) {
        reports.remove(key);
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
