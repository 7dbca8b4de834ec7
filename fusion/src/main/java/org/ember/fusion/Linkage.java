package org.ember.fusion;

import java.util.List;
import org.ember.geo.linkage.GroupChange;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.LinkBook;
import org.ember.geo.linkage.Report;
import org.ember.model.Incident;
import org.ember.model.fusion.LinkedIncident;

/**
 * Linkage in grid blocks: a report is linked at once ({@link IncidentLinker}) in every block it
 * reaches ({@link #reroute}), and says when its block's book must next be looked at for reports to
 * forget (an hour boundary). One book per grid block ({@link #inBlock}, {@link BlockLinker}), in the
 * job's keyed state and in {@link FusionReplay}'s memory alike.
 */
public final class Linkage {
    private final IncidentLinker linker;
    private final BlockLinker blocks;

    public Linkage(IncidentLinker linker, LinkageBlocks blocks) {
        this.linker = linker;
        this.blocks = new BlockLinker(linker, blocks);
    }

    /** The blocks a report must be linked in. */
    public List<String> route(Incident incident) {
        return blocks.route(Reports.of(incident));
    }

    /** A report on its way to one block. */
    public record Routed(String block, Incident incident) {}

    /**
     * Where a version of a report goes, given the blocks its previous version went to: its own
     * blocks, and to each previous block it no longer reaches the same version withdrawn
     * (cancelled), so that an incident there lets it go instead of keeping the old version. An
     * older version than the last one goes where the last one went: there it is stale.
     *
     * @param previous blocks of the last version (empty for a first version)
     * @param newer    whether this version is newer than the last one routed
     */
    public List<Routed> reroute(Incident incident, List<String> previous, boolean newer) {
        List<Routed> out = new java.util.ArrayList<>();
        if (!newer) {
            previous.forEach(b -> out.add(new Routed(b, incident)));
            return out;
        }
        List<String> now = route(incident);
        now.forEach(b -> out.add(new Routed(b, incident)));
        java.util.TreeSet<String> gone = new java.util.TreeSet<>(previous);
        now.forEach(gone::remove);
        Incident withdrawn = incident.cancelled() ? incident : withdrawn(incident);
        gone.forEach(b -> out.add(new Routed(b, withdrawn)));
        return out;
    }

    private static Incident withdrawn(Incident i) {
        return new Incident(i.feed(), i.sourceId(), i.version(), true, i.eventTime(), i.reportedTime(), i.category(),
                i.weapon(), i.ageBand(), i.lon(), i.lat(), i.easting(), i.northing(), i.precise(), i.lsoa(), i.lad(),
                i.cell(), i.personPseudonym(), i.detail(), i.appendedAt());
    }

    /** The report as the linker sees it: built once per link and handed to {@link #isHome}, {@link #inBlock}, {@link #expiryOf}. */
    public static Report report(Incident incident) {
        return Reports.of(incident);
    }

    /** When the linker's {@link #expire} forgets the report (an earlier call leaves it). */
    public long expiryOf(Report report) {
        return linker.expiryOf(report);
    }

    /** When the router may forget a report: the hour after the linker forgets it. */
    public long forgetAt(Incident incident) {
        return LadAnalytics.nextHour(linker.expiryOf(Reports.of(incident)) - 1);
    }

    /** Whether {@code block} is the report's home, the one block that counts it in metrics. */
    public boolean isHome(String block, Report report) {
        return blocks.isHome(block, report);
    }

    /**
     * Links one report in the current block's {@code book} at {@code now}; the step holds only the
     * changes the block publishes (those of the incidents it owns).
     *
     * @param home whether the block is the report's home ({@link #isHome})
     */
    public Step inBlock(Report report, boolean home, long now, LinkBook book, BlockLinker.Owned owned) {
        return step(blocks.apply(report, home, book, owned), report, now);
    }

    /**
     * Forgets what is due by {@code now} in a block among the reports that expire from {@code from}
     * on, and the ownership of incidents forgotten; reads only those reports' time buckets.
     *
     * @param from no later than the earliest expiry of a report in the book (the last pass's answer,
     *             or lowered to the expiry of each report linked since)
     * @return the {@code from} of the next pass: {@code now + 1}, or earlier when a due report is kept
     *         for an incident that is not due yet
     */
    public long expire(long from, long now, LinkBook book, BlockLinker.Owned owned) {
        return Math.min(blocks.expire(from, now, book, owned).held(), now + 1);
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

    private Step step(IncidentLinker.Result result, Report report, long now) {
        if (result.stale()) {
            return new Step(result, List.of(), Long.MIN_VALUE);
        }
        List<LinkedIncident> linked = new java.util.ArrayList<>(result.changes().size());
        for (GroupChange change : result.changes()) {
            linked.add(LinkedIncidents.of(change));
        }
        long due = LadAnalytics.nextHour(linker.expiryOf(report) - 1);
        return new Step(result, linked, Math.max(due, LadAnalytics.nextHour(now)));
    }
}
