package org.ember.jobs.corrections;

import org.ember.model.Incident;

/**
 * What one version of a partner record put into the counts, and no more: what a later version needs
 * to take it back (its areas, event time, feed, category, weapon flag) and to be judged against (its
 * version). Kept per record for eight days instead of the whole {@link Incident}, so each checkpoint
 * writes a fraction of it.
 */
public record Contribution(int version, boolean cancelled, long eventTime, String feed, String category,
        boolean weapon, String lsoa, String lad) {

    public static Contribution of(Incident incident) {
        return new Contribution(incident.version(), incident.cancelled(), incident.eventTime(), incident.feed(),
                incident.category(), incident.weapon(), incident.lsoa(), incident.lad());
    }
}
