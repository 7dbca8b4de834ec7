package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ember.geo.risk.RiskSignal;

/**
 * The incident and agency tallies of the areas one evaluation looks at ({@link AreaTally}). Here
 * counted from scratch from every incident in state (the from-scratch mode, and the reference the
 * running tallies are tested against); incrementally they are kept running ({@link RunningTallies}).
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

    /** Incident counts, agencies and clusters of each area, from every incident in {@code events}. */
    Map<String, AreaTally> incidents(Supplier<List<FusedEvent>> events) {
        Map<String, AreaTally> tallies = new HashMap<>();
        ClusterCache clusterCache = lad.cache().clusters;
        Map<String, Integer> clusterOf = clusterCache.built() ? clusterCache.clusterOf() : Map.of();
        long recent = asOf - AreaTally.WINDOW_MILLIS[AreaTally.WINDOW_MILLIS.length - 1];
        for (FusedEvent e : events.get()) {
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
        return tallies;
    }

    /**
     * Adds the intelligence and navigator signals as agencies to the tallies of the areas they
     * name (replacing each such tally by a copy first); returns those signals by area (their window
     * edges are risk-timer horizons).
     */
    Map<String, List<RiskSignal>> agencies(List<RiskSignal> signals, Map<String, AreaTally> tallies) {
        Map<String, List<RiskSignal>> agencySignals = new HashMap<>();
        boolean withLad = areaKeys.contains(ladKey);
        // Whether any area asked for is not the authority, i.e. an LSOA (its key built only then).
        boolean withLsoas = areaKeys.size() > (withLad ? 1 : 0);
        for (RiskSignal s : signals) {
            String agency = RiskSignal.INTEL.equals(s.kind()) || RiskSignal.NAVIGATOR.equals(s.kind()) ? s.kind() : null;
            if (agency == null) {
                continue;
            }
            if (withLad) {
                addAgency(ladKey, agency, s, tallies, agencySignals);
            }
            if (withLsoas) {
                String lsoaKey = lad.lsoaKey(s.area());
                if (areaKeys.contains(lsoaKey)) {
                    addAgency(lsoaKey, agency, s, tallies, agencySignals);
                }
            }
        }
        return agencySignals;
    }

    private void addAgency(String key, String agency, RiskSignal s, Map<String, AreaTally> tallies,
            Map<String, List<RiskSignal>> agencySignals) {
        List<RiskSignal> named = agencySignals.get(key);
        if (named == null) {
            // The area's first agency signal: its tally may be shared (kept running), so add to a copy.
            AreaTally tally = tallies.get(key);
            tallies.put(key, tally == null ? new AreaTally() : tally.copy());
            named = new ArrayList<>();
            agencySignals.put(key, named);
        }
        tallies.get(key).addAgency(agency, s.time(), asOf);
        named.add(s);
    }
}
