package org.ember.fusion;

import java.util.List;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.LinkBook;
import org.ember.model.Incident;
import org.ember.model.fusion.LinkedIncident;

/**
 * Linkage of one book: a report is linked at once ({@link IncidentLinker}) and says when its book
 * must next be looked at for reports to forget (an hour boundary). The job keeps one book per grid
 * block ({@link #inBlock}, {@link BlockLinker}); {@link FusionReplay} one per local authority.
 */
public final class Linkage {
    private final IncidentLinker linker;
    private final BlockLinker blocks;

    public Linkage(IncidentLinker linker) {
        this(linker, null);
    }

    /** Linkage in grid blocks: {@link #inBlock} and {@link #route} need it. */
    public Linkage(IncidentLinker linker, LinkageBlocks blocks) {
        this.linker = linker;
        this.blocks = blocks == null ? null : new BlockLinker(linker, blocks);
    }

    /** The blocks a report must be linked in. */
    public List<String> route(Incident incident) {
        return blocks.route(Reports.of(incident));
    }

    /** Whether {@code block} is the report's home, the one block that counts it in metrics. */
    public boolean isHome(String block, Incident incident) {
        return blocks.isHome(block, Reports.of(incident));
    }

    /**
     * Links one report in {@code block} at {@code now}; the step holds only the changes the block
     * publishes (those of the incidents it owns).
     */
    public Step inBlock(String block, Incident incident, long now, LinkBook book, BlockLinker.Owned owned) {
        org.ember.geo.linkage.Report report = Reports.of(incident);
        IncidentLinker.Result result = blocks.apply(block, report, book, owned);
        return step(result, report, now);
    }

    /** Forgets what is due by {@code now} in a block, and the ownership of incidents forgotten. */
    public void expire(long now, LinkBook book, BlockLinker.Owned owned) {
        blocks.expire(now, book, owned);
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
        return step(linker.apply(report, book), report, now);
    }

    private Step step(IncidentLinker.Result result, org.ember.geo.linkage.Report report, long now) {
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
