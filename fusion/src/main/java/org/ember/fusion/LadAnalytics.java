package org.ember.fusion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.crs.LonLat;
import org.ember.geo.risk.RiskSignal;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;

/**
 * One local authority's live picture, as plain Java over its {@link LadState}: linked incidents and
 * risk signals come in, hot cells, clusters, scan clusters, area metrics and tension go out. The
 * Flink function that owns the state calls {@link #onIncident}, {@link #onSignal} and
 * {@link #onTimer}; nothing here knows Flink. The work is done by one class per layer
 * ({@link ClusterLayer}, {@link CellLayer}, {@link ScanLayer}, {@link EmergingLayer},
 * {@link RiskLayer}, {@link SeasonalLayer}, {@link TensionLayer}, {@link AreaLayer}); this class
 * says when each runs.
 *
 * <p>What happens when:
 * <ul>
 *   <li>an incident arrives (new, joined, corrected or cancelled): it replaces its previous
 *       version, the seasonal history and the live Gi* move their counts, and the space-time
 *       clusters are updated at once (a cancelled or moved incident rebuilds them); a neighbour's
 *       incident near the boundary (a halo) counts in the Gi* and the clusters only;</li>
 *   <li>a risk signal arrives (a serious incident, a rivalry, intelligence): the areas it touches
 *       are re-scored at once, so tension rises as soon as a stabbing is known;</li>
 *   <li>every hour boundary while anything is live: old incidents and signals leave, cells get
 *       their window counts and Gi*, every area its metrics and tension; at local midnight the daily
 *       scan (and, on schedule, the emerging hot-spot categories) runs first; every snapshot period
 *       everything live is published again;</li>
 *   <li>when nothing is live any more, every published cell and area has been cleared, and the
 *       seasonal history is dropped after the configured idle time.</li>
 * </ul>
 * Only changes are published: what was last published is kept in state and compared.
 */
public final class LadAnalytics {
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    private final LadScope lad;
    private final ClusterLayer clusters;
    private final CellLayer cells;
    private final SeasonalLayer seasonal;
    private final RiskLayer risk;
    private final AreaLayer areas;

    public LadAnalytics(String lad, FusionContext context, LadState state, LadCache cache, FusionOutputs out) {
        this.lad = new LadScope(lad, context, state, cache, out);
        this.clusters = new ClusterLayer(this.lad);
        this.cells = new CellLayer(this.lad);
        this.seasonal = new SeasonalLayer(this.lad);
        this.risk = new RiskLayer(this.lad);
        this.areas = new AreaLayer(this.lad, risk, new TensionLayer(this.lad), seasonal);
    }

    /** The first hour boundary strictly after {@code time}. */
    public static long nextHour(long time) {
        return Math.floorDiv(time, HOUR) * HOUR + HOUR;
    }

    // ------------------------------------------------------------------ arrivals

    /**
     * A linked-incident change routed here ({@link AreaRoute}): an incident of this authority, or a
     * neighbour's incident near this authority's cells (a halo: it counts in their Gi* and in the
     * space-time clustering, where a cluster across the boundary is published by one side only), or
     * a withdrawal (cancelled) of either.
     */
    public void onDelivery(AreaDelivery delivery, long watermark) {
        LinkedIncident incident = delivery.incident();
        String id = incident.incidentId();
        long asOf = Math.max(incident.eventTime(), watermark);
        if (!delivery.halo() || incident.cancelled()) {
            forgetHalo(id, asOf);
            onIncident(incident, watermark);
            return;
        }
        if (lad.state().events().get(id) != null) {
            onIncident(AreaRoute.withdrawn(incident), watermark); // it was ours: now it lies across the boundary
        }
        FusedEvent next = FusedEvent.of(incident, false);
        FusedEvent previous = lad.state().halo().get(id);
        if (lad.cache().haloTimes != null) {
            lad.cache().haloTimes.replace(previous, next);
        }
        lad.state().halo().put(id, next);
        cells.onHalo(id, next);
        LadMeta meta = lad.meta();
        lad.state().meta().set(new LadMeta(Math.max(meta.lastActivity(), incident.eventTime()), meta.lastEmerging()));
        clusters.onHalo(id, previous, next, asOf);
    }

    private void forgetHalo(String id, long asOf) {
        FusedEvent was = lad.state().halo().get(id);
        if (was != null) {
            if (lad.cache().haloTimes != null) {
                lad.cache().haloTimes.replace(was, null);
            }
            lad.state().halo().remove(id);
            cells.onHalo(id, null);
            clusters.onHalo(id, was, null, asOf);
        }
    }

    /** An incident of this authority (new, joined, corrected or cancelled). */
    public void onIncident(LinkedIncident incident, long watermark) {
        LadState state = lad.state();
        String id = incident.incidentId();
        FusedEvent previous = state.events().get(id);
        FusedEvent next = incident.cancelled() ? null : FusedEvent.of(incident, serious(incident));
        if (previous == null && next == null) {
            return;
        }
        seasonal.onIncident(previous, next);
        new EarlyWarningLayer(lad).onIncident(previous, next);
        if (next == null) {
            state.events().remove(id);
        } else {
            state.events().put(id, next);
        }
        if (lad.cache().eventTimes != null) {
            lad.cache().eventTimes.replace(previous, next);
        }
        cells.onIncident(id, previous, next);
        areas.counted(previous, -1);
        areas.counted(next, 1);
        DirtyAreas dirty = lad.cache().dirty;
        if (previous != null && previous.lsoa() != null) {
            dirty.mark(lad.lsoaKey(previous.lsoa()));
        }
        if (next != null && next.lsoa() != null) {
            dirty.mark(lad.lsoaKey(next.lsoa()));
        }
        LadMeta meta = lad.meta();
        state.meta().set(new LadMeta(Math.max(meta.lastActivity(), incident.eventTime()), meta.lastEmerging()));
        clusters.onIncident(id, previous, next, Math.max(incident.eventTime(), watermark));
    }

    public void onSignal(FusionSignal signal, long watermark) {
        LadState state = lad.state();
        RiskSignal s = signal.signal();
        RiskSignal replaced = state.signals().get(s.id());
        // A retraction or correction may come from another place (the incident moved): what the
        // replaced signal reached must be looked at again too.
        if (replaced != null) {
            risk.markReached(replaced);
        }
        risk.forget(s.id());
        if (signal.active()) {
            state.signals().put(s.id(), s);
        } else if (replaced != null) {
            state.signals().remove(s.id());
        } else {
            return;
        }
        if (state.meta().get() == null) {
            state.meta().set(new LadMeta(s.time(), -1));
        }
        areas.evaluate(risk.areasTouchedBy(s), Math.max(s.time(), watermark), Publish.valuesOnDemand(state.events()),
                Publish.values(state.signals()), false);
        // Evaluated at the signal's time, which may differ from the next tick's: look again then.
        risk.markReached(s);
        if (!signal.active()) {
            risk.forget(s.id()); // its reach was remembered above: a retracted signal's would stay for good
        }
    }

    /**
     * An hour boundary (or a clean-up time) has passed.
     *
     * @return when to be called next, or −1 when nothing is left
     */
    public long onTimer(long time) {
        LadState state = lad.state();
        if (state.live()) {
            return tick(time);
        }
        LadMeta meta = state.meta().get();
        if (meta == null) {
            clearAll();
            return -1;
        }
        long cleanup = cleanupTime(meta);
        if (time >= cleanup) {
            clearAll();
            return -1;
        }
        return cleanup;
    }

    private long cleanupTime(LadMeta meta) {
        return nextHour(meta.lastActivity() + lad.settings().seasonal().idleRetention().toMillis() - 1);
    }

    // ------------------------------------------------------------------ the hourly tick

    private long tick(long asOf) {
        LadState state = lad.state();
        long keepFrom = asOf - lad.settings().hotspots().retention().toMillis();
        DirtyAreas dirty = lad.cache().dirty;
        List<String> old = expired(state.events(), eventTimes(), keepFrom);
        List<FusedEvent> gone = new ArrayList<>();
        for (String id : old) {
            FusedEvent e = state.events().get(id);
            gone.add(e);
            if (e.lsoa() != null) {
                dirty.mark(lad.lsoaKey(e.lsoa()));
            }
            state.events().remove(id);
            eventTimes().replace(e, null);
        }
        cells.forget(gone);
        gone.forEach(e -> areas.counted(e, -1));
        List<String> oldHalo = expired(state.halo(), haloTimes(), keepFrom);
        for (String id : oldHalo) {
            haloTimes().replace(state.halo().get(id), null);
            state.halo().remove(id);
            cells.onHalo(id, null);
        }
        risk.expire(asOf);
        List<String> left = old;
        if (!oldHalo.isEmpty()) {
            left = new ArrayList<>(old);
            left.addAll(oldHalo);
        }
        clusters.onTick(left, asOf);

        LocalDate day = LondonHours.localDate(Instant.ofEpochMilli(asOf - 1));
        if (!day.equals(LondonHours.localDate(Instant.ofEpochMilli(asOf)))) {
            DailyMarks daily = lad.cache().incremental && !dirty.all() ? DailyMarks.before(lad) : null;
            NightlyEvents nightly = NightlyEvents.of(state, day);
            new ScanLayer(lad).run(day, asOf, nightly);
            new EarlyWarningLayer(lad).run(day, nightly);
            new EmergingLayer(lad).run(day, nightly);
            if (daily != null) {
                daily.markChanged();
            } else {
                dirty.markAll();
            }
        }
        Supplier<List<FusedEvent>> events = Publish.valuesOnDemand(state.events());
        List<RiskSignal> signals = Publish.values(state.signals());
        // A copy: the tick keeps it to compare with at the next one, and the view follows the clustering.
        Map<String, Integer> clusterOf = new java.util.HashMap<>(lad.cache().clusters.clusterOf());
        markMoved(dirty, events, clusterOf, asOf);
        // Reached areas are due when their fading risk would publish (RiskTimers), not every hour.
        lad.cache().riskTimers.markDue(asOf, dirty);
        cells.score(asOf, events);
        areas.evaluate(areas.due(events, signals), asOf, events, signals);
        dirty.ticked(asOf, clusterOf);
        if (asOf % lad.settings().hotspots().snapshotEvery().toMillis() == 0) {
            snapshot(asOf);
        }
        seasonal.trim(asOf);
        if (!state.events().isEmpty() || !state.halo().isEmpty() || !state.signals().isEmpty()) {
            return asOf + HOUR;
        }
        // Nothing live: cells, areas and clusters were cleared above; scan and trend results go too.
        Publish.clearBook(state.scan());
        Publish.clearBook(state.emerging());
        Publish.clearBook(state.cells());
        cells.cleared();
        Publish.clearBook(state.areas());
        lad.cache().publishedNumbers.clear(); // they describe maps no longer in state
        lad.cache().neighbourhoodTension = null;
        lad.cache().riskTimers.clear();
        Publish.clearBook(state.clusters());
        clusters.cleared();
        LadMeta meta = state.meta().get();
        return meta == null ? -1 : Math.max(asOf + HOUR, cleanupTime(meta));
    }

    private void snapshot(long asOf) {
        for (Map.Entry<String, Published> e : lad.state().cells().entries()) {
            LonLat centre = lad.cache().centre(e.getKey());
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.CELL_SNAPSHOT, "cell", e.getKey(), lad.lad(), asOf,
                    centre.lon(), centre.lat(), e.getValue().values(), e.getValue().labels(), List.of()));
        }
        for (Map.Entry<String, Published> e : lad.state().areas().entries()) {
            int colon = e.getKey().indexOf(':');
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.AREA_SNAPSHOT, e.getKey().substring(0, colon),
                    e.getKey().substring(colon + 1), lad.lad(), asOf, null, null, e.getValue().values(),
                    AreaEvaluation.publicLabels(e.getValue().labels()), List.of()));
        }
    }

    /** Areas whose incidents crossed a window edge or the clock, or changed cluster, since the last tick. */
    private void markMoved(DirtyAreas dirty, Supplier<List<FusedEvent>> events, Map<String, Integer> clusterOf, long asOf) {
        long from = dirty.lastTick();
        if (from == Long.MIN_VALUE) {
            return; // a fresh cache marks everything anyway
        }
        Map<String, Integer> before = dirty.lastClusters();
        if (!lad.cache().incremental) {
            for (FusedEvent e : events.get()) {
                if (e.lsoa() != null && (DirtyAreas.crossed(e.time(), from, asOf, AreaTally.WINDOW_MILLIS)
                        || !java.util.Objects.equals(clusterOf.get(e.id()), before.get(e.id())))) {
                    dirty.mark(lad.lsoaKey(e.lsoa()));
                }
            }
            return;
        }
        // The same areas from the time index and the two clusterings: only what moved is visited.
        List<String> moved = new ArrayList<>();
        eventTimes().between(from, asOf, moved);
        for (long w : AreaTally.WINDOW_MILLIS) {
            eventTimes().between(from - w, asOf - w, moved);
        }
        for (String id : clusterOf.keySet()) {
            if (!clusterOf.get(id).equals(before.get(id))) {
                moved.add(id);
            }
        }
        for (String id : before.keySet()) {
            if (!clusterOf.containsKey(id)) {
                moved.add(id);
            }
        }
        for (String id : moved) {
            FusedEvent e = lad.state().events().get(id);
            if (e != null && e.lsoa() != null) {
                dirty.mark(lad.lsoaKey(e.lsoa()));
            }
        }
    }

    /** Ids of the book's incidents older than {@code keepFrom}. */
    private List<String> expired(LadState.Book<FusedEvent> book, TimeIndex index, long keepFrom) {
        if (lad.cache().incremental) {
            return index.before(keepFrom);
        }
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, FusedEvent> e : book.entries()) {
            if (e.getValue().time() < keepFrom) {
                old.add(e.getKey());
            }
        }
        return old;
    }

    private TimeIndex eventTimes() {
        return lad.eventTimes();
    }

    private TimeIndex haloTimes() {
        LadCache cache = lad.cache();
        if (cache.haloTimes == null) {
            cache.haloTimes = TimeIndex.of(lad.state().halo());
        }
        return cache.haloTimes;
    }

    // ------------------------------------------------------------------ helpers

    private boolean serious(LinkedIncident incident) {
        return lad.settings().risk().serious().assess(incident.weapon(), incident.responseCategory(),
                incident.penetrating(), incident.ageBand()).serious();
    }

    private void clearAll() {
        LadState state = lad.state();
        Publish.clearBook(state.events());
        Publish.clearBook(state.halo());
        Publish.clearBook(state.signals());
        Publish.clearBook(state.cells());
        Publish.clearBook(state.areas());
        lad.cache().publishedNumbers.clear(); // they describe maps no longer in state
        lad.cache().neighbourhoodTension = null;
        Publish.clearBook(state.clusters());
        Publish.clearBook(state.scan());
        Publish.clearBook(state.emerging());
        state.history().set(null);
        state.earlyWarning().set(null);
        lad.cache().earlyWarningScores = null;
        state.meta().set(null);
        lad.cache().gi = null;
        lad.cache().cellLsoas = null;
        lad.cache().lsoaEvents = null;
        lad.cache().tallies = null;
        lad.cache().eventTimes = null;
        lad.cache().haloTimes = null;
        cells.cleared();
        clusters.cleared();
        lad.cache().riskTimers.clear();
        lad.cache().dirty.markAll();
    }
}
