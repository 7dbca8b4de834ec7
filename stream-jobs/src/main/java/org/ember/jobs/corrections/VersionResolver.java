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
        return replaces(candidate, current == null ? null : Contribution.of(current));
    }

    /** Whether {@code candidate} replaces the version that made {@code current} (null = nothing seen yet). */
    public static boolean replaces(Incident candidate, Contribution current) {
        return current == null || candidate.version() > current.version();
    }

    /** The deltas that turn {@code previous}'s contribution (null = none) into {@code next}'s. */
    public static List<CountDelta> deltas(Incident previous, Incident next) {
        return deltasFrom(previous == null ? null : Contribution.of(previous), next);
    }

    /** The deltas that turn {@code previous} (null = none) into {@code next}'s contribution. */
    public static List<CountDelta> deltasFrom(Contribution previous, Incident next) {
        List<CountDelta> deltas = new ArrayList<>(4);
        String record = next.recordKey();
        if (previous != null && !previous.cancelled()) {
            addContribution(previous, -1, next.appendedAt(), record, deltas);
        }
        if (!next.cancelled()) {
            addContribution(Contribution.of(next), +1, next.appendedAt(), record, deltas);
        }
        return deltas;
    }

    private static void addContribution(Contribution c, int sign, long appendedAt, String record, List<CountDelta> deltas) {
        if (c.lsoa() != null) {
            deltas.add(new CountDelta("lsoa", c.lsoa(), c.eventTime(), c.feed(), c.category(), c.weapon(), sign,
                    appendedAt, record));
        }
        if (c.lad() != null) {
            deltas.add(new CountDelta("lad", c.lad(), c.eventTime(), c.feed(), c.category(), c.weapon(), sign,
                    appendedAt, record));
        }
    }
}
