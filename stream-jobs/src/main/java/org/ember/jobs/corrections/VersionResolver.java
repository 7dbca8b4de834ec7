package org.ember.jobs.corrections;

import java.util.ArrayList;
import java.util.List;
import org.ember.jobs.records.CountDelta;
import org.ember.model.Incident;

/**
 * Decides what a new version of a partner record changes: the counts the previous version fed are
 * taken back and the new version's are added, so a re-categorised or cancelled record corrects
 * every count it touched. Versions that arrive after a higher one are stale and change nothing.
 */
public final class VersionResolver {
    private VersionResolver() {}

    /** Whether {@code candidate} replaces {@code current} (null = nothing seen yet). */
    public static boolean supersedes(Incident candidate, Incident current) {
        return current == null || candidate.version() > current.version();
    }

    /** The deltas that turn {@code previous}'s contribution (null = none) into {@code next}'s. */
    public static List<CountDelta> deltas(Incident previous, Incident next) {
        List<CountDelta> deltas = new ArrayList<>(4);
        if (previous != null && !previous.cancelled()) {
            addContribution(previous, -1, next.appendedAt(), deltas);
        }
        if (!next.cancelled()) {
            addContribution(next, +1, next.appendedAt(), deltas);
        }
        return deltas;
    }

    private static void addContribution(Incident incident, int sign, long appendedAt, List<CountDelta> deltas) {
        if (incident.lsoa() != null) {
            deltas.add(new CountDelta("lsoa", incident.lsoa(), incident.eventTime(), incident.feed(), incident.category(),
                    incident.weapon(), sign, appendedAt, incident.recordKey()));
        }
        if (incident.lad() != null) {
            deltas.add(new CountDelta("lad", incident.lad(), incident.eventTime(), incident.feed(), incident.category(),
                    incident.weapon(), sign, appendedAt, incident.recordKey()));
        }
    }
}
