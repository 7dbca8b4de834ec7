package org.ember.geo.linkage;

import java.util.List;

/**
 * One change to a linked incident, with its members after the change (for {@link Kind#CANCELLED}:
 * the last members, all cancelled).
 */
public record GroupChange(Kind kind, LinkGroup group, List<FiledReport> members) {
    public GroupChange {
        members = List.copyOf(members);
    }

    /** What happened to the incident. */
    public enum Kind {
        /** A report that matched no incident founded a new one. */
        CREATED,
        /** A report joined an existing incident (a later report, or one arriving late). */
        JOINED,
        /** A member was corrected and stays in the incident. */
        CORRECTED,
        /** A member was cancelled, or corrected so that it no longer belongs; others remain. */
        LEFT,
        /** The incident has no member left: every report of it was cancelled or moved away. */
        CANCELLED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
