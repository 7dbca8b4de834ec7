package org.ember.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.model.Incident;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;

/**
 * The job's whole fusion stage on one thread, in memory: ingested reports in, on the arrival clock,
 * through linkage in the job's grid blocks ({@link ReplayLinkage}), the risk fan-out ({@link RiskReach}), soft signals
 * ({@link SoftSignal}) and each local authority's {@link LadAnalytics} with its hourly timers; the
 * area metrics it publishes out, each with the time the job would publish it. What the Flink
 * functions do at one time is done here in the same order: linkage forgets what is due, then links
 * the reports that arrived (same-time reports in the job's canonical order: feed, id, version);
 * then each authority ticks (on an hour), takes the linked incidents routed to it ({@link AreaRoute}:
 * its own, halos of its neighbours', withdrawals) and then the risk signals (by signal id). Used by rule tests and anything else that needs fusion metrics without a job.
 */
public final class FusionReplay {
    /** A report and when it arrived (its Kafka timestamp in the job). */
    public record Arrival(long at, Incident incident) {}

    /** An area-metrics update and the arrival-clock time the job publishes it at. */
    public record Emitted(long at, AreaMetrics metrics) {}

    /** The job's canonical order of reports that arrive at the same time ({@code Canonical.INCIDENTS}). */
    static final Comparator<Incident> CANONICAL = Comparator.comparing(Incident::feed)
            .thenComparing(Incident::sourceId)
            .thenComparingInt(Incident::version)
            .thenComparing(Incident::cancelled)
            .thenComparingLong(Incident::eventTime)
            .thenComparing(Object::toString);

    private static final Comparator<Arrival> ORDER = Comparator.comparingLong(Arrival::at)
            .thenComparing(Arrival::incident, CANONICAL);

    private final FusionContext context;
    private final ReplayLinkage linkage;
    private final List<String> linkable;
    private final Map<String, LadState> states = new HashMap<>();
    private final Map<String, LadCache> caches = new HashMap<>();
    private final AreaRoute areaRoute;
    /** Per linked incident, the authorities holding it (own first), as the job's area router keeps it. */
    private final Map<String, List<String>> holding = new HashMap<>();
    private final TreeMap<Long, TreeSet<String>> analyticsTimers = new TreeMap<>();
    private final List<Emitted> emitted = new ArrayList<>();
    private long clock = Long.MIN_VALUE;

    /**
     * @param context a context of its own: the calculators keep state across days (the daily scan)
     * @param blocks  the job's linkage blocks for the same areas and linkage settings
     */
    public FusionReplay(FusionContext context, LinkageBlocks blocks) {
        this.context = context;
        this.linkage = new ReplayLinkage(new Linkage(
                new IncidentLinker(context.settings().linkage(), context.shapes().proximity()), blocks));
        this.linkable = context.settings().linkage().linkedFeeds();
        this.areaRoute = new AreaRoute(context.cellOwners());
    }

    /**
     * Runs the reports and every timer due up to and including {@code until}, and returns the area
     * metrics published, in publication order. Reports arriving after {@code until} are left out.
     */
    public static List<Emitted> run(FusionContext context, LinkageBlocks blocks, List<Arrival> arrivals, long until) {
        FusionReplay replay = new FusionReplay(context, blocks);
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort(ORDER);
        int next = 0;
        while (true) {
            long t = Long.MAX_VALUE;
            if (next < sorted.size()) {
                t = sorted.get(next).at();
            }
            t = Math.min(t, replay.linkage.nextTimer());
            if (!replay.analyticsTimers.isEmpty()) {
                t = Math.min(t, replay.analyticsTimers.firstKey());
            }
            if (t == Long.MAX_VALUE || t > until) {
                break;
            }
            List<Incident> now = new ArrayList<>();
            while (next < sorted.size() && sorted.get(next).at() == t) {
                now.add(sorted.get(next++).incident());
            }
            replay.at(t, now);
        }
        return List.copyOf(replay.emitted);
    }

    private void at(long t, List<Incident> arrived) {
        clock = t;
        Map<String, List<AreaDelivery>> incidents = new TreeMap<>();
        List<FusionSignal> signals = new ArrayList<>();
        List<Incident> linkableNow = new ArrayList<>();
        for (Incident incident : arrived) {
            if (SoftSignal.handles(incident)) {
                signals.add(SoftSignal.of(incident, context.settings().risk()));
            } else if (linkable.contains(incident.feed())) {
                linkableNow.add(incident);
            }
        }
        for (LinkedIncident linked : linkage.at(t, linkableNow)) {
            List<AreaDelivery> routed = areaRoute.route(linked, holding.getOrDefault(linked.incidentId(), List.of()));
            List<String> held = AreaRoute.holding(routed);
            if (held.isEmpty()) {
                holding.remove(linked.incidentId());
            } else {
                holding.put(linked.incidentId(), held);
            }
            routed.forEach(d -> incidents.computeIfAbsent(d.lad(), k -> new ArrayList<>()).add(d));
            signals.addAll(RiskReach.signals(linked, context.settings().risk(), context.shapes()));
        }
        // The job's area function takes one time's linked incidents by incident id (they come from
        // several linkage blocks); one incident's changes keep their order (stable sort).
        incidents.values().forEach(l -> l.sort(Comparator.comparing(d -> d.incident().incidentId())));
        signals.sort(Comparator.comparing(s -> s.signal().id()));
        TreeSet<String> lads = new TreeSet<>(incidents.keySet());
        signals.forEach(s -> lads.add(s.targetLad()));
        TreeSet<String> ticking = analyticsTimers.remove(t);
        if (ticking != null) {
            lads.addAll(ticking);
        }
        for (String lad : lads) {
            LadAnalytics analytics = analytics(lad);
            if (ticking != null && ticking.contains(lad) && Math.floorMod(t, LadAnalytics.HOUR) == 0) {
                long following = analytics.onTimer(t);
                if (following > t) {
                    schedule(following, lad);
                }
            }
            for (AreaDelivery delivery : incidents.getOrDefault(lad, List.of())) {
                analytics.onDelivery(delivery, t);
                schedule(LadAnalytics.nextHour(Math.max(delivery.incident().eventTime(), t)), lad);
            }
            for (FusionSignal signal : signals) {
                if (signal.targetLad().equals(lad)) {
                    analytics.onSignal(signal, t);
                    schedule(LadAnalytics.nextHour(Math.max(signal.signal().time(), t)), lad);
                }
            }
        }
    }

    private void schedule(long time, String lad) {
        analyticsTimers.computeIfAbsent(time, k -> new TreeSet<>()).add(lad);
    }

    private LadAnalytics analytics(String lad) {
        LadState state = states.computeIfAbsent(lad, k -> MemoryLadState.create());
        LadCache cache = caches.computeIfAbsent(lad, k -> new LadCache(context));
        return new LadAnalytics(lad, context, state, cache, new FusionOutputs() {
            @Override
            public void hotspot(HotspotUpdate update) {
                // Rules read area metrics only.
            }

            @Override
            public void metrics(AreaMetrics metrics) {
                emitted.add(new Emitted(clock, metrics));
            }

            @Override
            public void tension(TensionUpdate update) {
                // Rules read tension_level from the area metrics.
            }
        });
    }
}
