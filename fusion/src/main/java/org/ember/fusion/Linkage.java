package org.ember.fusion;

import java.util.List;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.LinkBook;
import org.ember.model.Incident;
import org.ember.model.fusion.LinkedIncident;

/**
 * One local authority's linkage as the job runs it: a report is linked at once ({@link IncidentLinker})
 * and says when its book must next be looked at for reports to forget (an hour boundary).
 */
public final class Linkage {
    private final IncidentLinker linker;

    public Linkage(IncidentLinker linker) {
        this.linker = linker;
    }

    /**
     * What linking one report did.
     *
     * @param result the linker's answer (stale, correction, group changes)
     * @param linked every change of a linked incident, as published
     * @param timer  the hour boundary at which to call {@link #expire} next
     */
    public record Step(IncidentLinker.Result result, List<LinkedIncident> linked, long timer) {
        public Step {
            linked = List.copyOf(linked);
        }
    }

    /** Links one report at {@code now} on the arrival clock; a stale version changes nothing and sets no timer. */
    public Step apply(Incident incident, long now, LinkBook book) {
        org.ember.geo.linkage.Report report = Reports.of(incident);
        IncidentLinker.Result result = linker.apply(report, book);
        if (result.stale()) {
            return new Step(result, List.of(), Long.MIN_VALUE);
        }
        List<LinkedIncident> linked = result.changes().stream().map(LinkedIncidents::of).toList();
        long due = LadAnalytics.nextHour(linker.expiryOf(report) - 1);
        return new Step(result, linked, Math.max(due, LadAnalytics.nextHour(now)));
    }

    /** Forgets the reports and incidents due by {@code now}. */
    public void expire(long now, LinkBook book) {
        linker.expire(now, book);
    }
}
