package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ember.geo.risk.RiskSignal;

/**
 * The incident and agency tallies of the areas one evaluation looks at ({@link AreaTally}). From
 * scratch every incident in state is looked at; incrementally only those within the longest window
 * (from the time index) and the clustered ones, not the weeks of older incidents the state keeps
 * for the cells and the clustering.
 */
final class AreaTallies {
    private final LadScope lad;
    private final Set<String> areaKeys;
    private final long asOf;
    private final String ladKey;

    AreaTallies(LadScope lad, Set<String> areaKeys, long asOf) {
        this.lad = lad;
        this.areaKeys = areaKeys;
        this.asOf = asOf;
        this.ladKey = lad.ladKey();
    }

    /** Incident counts, agencies and clusters of each area, from {@code events} (the state, in its order). */
    Map<String, AreaTally> incidents(Supplier<List<FusedEvent>> events) {
        Map<String, AreaTally> tallies = new HashMap<>();
        ClusterCache clusterCache = lad.cache().clusters;
        Map<String, Integer> clusterOf = clusterCache.built() ? clusterCache.clusterOf() : Map.of();
        long recent = asOf - AreaTally.WINDOW_MILLIS[AreaTally.WINDOW_MILLIS.length - 1];
        for (FusedEvent e : counting(events, clusterOf, recent)) {
            // Older than every window and in no cluster: it counts for nothing (most of the state).
            if (e.time() <= recent && !clusterOf.containsKey(e.id())) {
                continue;
            }
            String lsoaKey = e.lsoa() == null ? null : lad.lsoaKey(e.lsoa());
            for (int k = 0; k < (lsoaKey == null ? 1 : 2); k++) {
                String key = k == 0 ? ladKey : lsoaKey;
                if (!areaKeys.contains(key)) {
                    continue;
                }
                AreaTally tally = tallies.computeIfAbsent(key, x -> new AreaTally());
                tally.add(e, asOf);
                Integer cluster = clusterOf.get(e.id());
                if (cluster != null && e.time() <= asOf) {
                    tally.clusterMembers++;
                    tally.clusters.add(cluster);
                }
            }
        }
        if (lad.cache().incremental) {
            // Counted from the time index, so in time order: the evidence lists keep the state's order.
            tallies.forEach((key, tally) -> {
                List<String> counted = tally.multiAgencyIds();
                tally.multiAgencyIdsFrom(() -> multiAgencyIds(counted, events));
            });
        }
        return tallies;
    }

    /**
     * Adds the intelligence and navigator signals as agencies to the tallies of the areas they
     * name; returns those signals by area (their window edges are risk-timer horizons).
     */
    Map<String, List<RiskSignal>> agencies(List<RiskSignal> signals, Map<String, AreaTally> tallies) {
        Map<String, List<RiskSignal>> agencySignals = new HashMap<>();
        for (RiskSignal s : signals) {
            String agency = RiskSignal.INTEL.equals(s.kind()) || RiskSignal.NAVIGATOR.equals(s.kind()) ? s.kind() : null;
            if (agency == null) {
                continue;
            }
            for (String key : List.of(ladKey, lad.lsoaKey(s.area()))) {
                if (areaKeys.contains(key)) {
                    tallies.computeIfAbsent(key, k -> new AreaTally()).addAgency(agency, s.time(), asOf);
                    agencySignals.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                }
            }
        }
        return agencySignals;
    }

    private Iterable<FusedEvent> counting(Supplier<List<FusedEvent>> events, Map<String, Integer> clusterOf, long recent) {
        if (!lad.cache().incremental) {
            return events.get();
        }
        List<String> ids = new ArrayList<>();
        lad.eventTimes().between(recent, asOf, ids);
        List<FusedEvent> out = new ArrayList<>(ids.size() + clusterOf.size());
        for (String id : ids) {
            out.add(lad.state().events().get(id));
        }
        for (String id : clusterOf.keySet()) {
            FusedEvent e = lad.state().events().get(id);
            if (e != null && e.time() <= recent) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * An area's multi-agency incidents of the last 24 hours in the state's order (read only for an
     * explanation): those counted, re-ordered as {@code events} lists them.
     */
    private List<String> multiAgencyIds(List<String> counted, Supplier<List<FusedEvent>> events) {
        if (counted.size() <= 1) {
            return counted;
        }
        Set<String> wanted = new java.util.HashSet<>(counted);
        long from = asOf - AreaTally.WINDOW_MILLIS[0];
        List<String> ordered = new ArrayList<>(counted.size());
        for (FusedEvent e : events.get()) {
            if (e.time() > from && e.time() <= asOf && wanted.contains(e.id())) {
                ordered.add(e.id());
            }
        }
        return ordered;
    }
}
