package org.ember.geo.linkage;

import java.util.List;

/**
 * A linked incident: the reports (by key) believed to describe one real event.
 *
 * @param id       stable id, e.g. {@code LI-police:CR-1} after the report that founded it
 * @param members  report keys, in the order they joined
 * @param revision incremented at every change, so consumers can order updates
 */
public record LinkGroup(String id, List<String> members, int revision) {
    public LinkGroup {
        members = List.copyOf(members);
    }

    LinkGroup with(List<String> newMembers) {
        return new LinkGroup(id, newMembers, revision + 1);
    }
}
