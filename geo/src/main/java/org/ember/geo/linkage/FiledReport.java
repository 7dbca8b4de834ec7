package org.ember.geo.linkage;

/**
 * A report as the linker keeps it: its latest version, the linked incident it belongs to and how
 * well it matched when it joined (1 for the report that founded the incident).
 *
 * @param report     latest version seen
 * @param groupId    linked incident id, or null for a cancelled report kept only to ignore stale versions
 * @param confidence score of its link into the incident
 */
public record FiledReport(Report report, String groupId, double confidence) {

    public boolean inGroup() {
        return groupId != null;
    }
}
