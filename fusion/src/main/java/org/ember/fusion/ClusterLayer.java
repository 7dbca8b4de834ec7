package org.ember.fusion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ember.model.fusion.HotspotUpdate;

/**
 * Space-time clusters (incremental ST-DBSCAN, {@link ClusterCache}) of one local authority: updated
 * the moment an incident arrives, expired on the hourly tick, and published as changes
 * ({@code cluster_changed}, {@code cluster_cleared}) against what was published before.
 */
final class ClusterLayer {
    private final LadScope lad;

    ClusterLayer(LadScope lad) {
        this.lad = lad;
    }

    /** The live clustering, rebuilt from state after a restart. */
    ClusterCache clusters() {
        ClusterCache cache = lad.cache().clusters;
        if (!cache.built()) {
            cache.rebuild(Publish.values(lad.state().events()));
        }
        return cache;
    }

    /** An incident replaced {@code previous} (either may be null); a cancelled or moved member forces a rebuild. */
    void onIncident(String id, FusedEvent previous, FusedEvent next, long asOf) {
        ClusterCache clusters = clusters();
        if (clusters.contains(id) && (next == null || !next.samePlaceAndTime(previous))) {
            clusters.rebuild(Publish.values(lad.state().events()));
        } else if (next != null) {
            clusters.add(next);
        }
        publish(asOf);
    }

    /** The hour's tick: incidents {@code old} left the state; the clustering horizon moves on. */
    void onTick(List<String> old, long asOf) {
        ClusterCache clusters = clusters();
        if (!old.isEmpty() && hasAny(old, clusters)) {
            clusters.rebuild(Publish.values(lad.state().events()));
        }
        clusters.expire(asOf);
        publish(asOf);
    }

    private static boolean hasAny(List<String> ids, ClusterCache clusters) {
        for (String id : ids) {
            if (clusters.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private void publish(long asOf) {
        LadState state = lad.state();
        TreeMap<Integer, List<String>> live = lad.cache().clusters.clusters();
        Set<String> current = new LinkedHashSet<>();
        for (Map.Entry<Integer, List<String>> c : live.entrySet()) {
            String key = lad.lad() + ":" + c.getKey();
            current.add(key);
            List<String> members = c.getValue();
            Published old = state.clusters().get(key);
            if (old != null && old.members().equals(members)) {
                continue;
            }
            double lon = 0;
            double lat = 0;
            Map<String, Integer> lsoas = new TreeMap<>();
            for (String id : members) {
                FusedEvent e = state.events().get(id);
                if (e != null) {
                    lon += e.lon();
                    lat += e.lat();
                    if (e.lsoa() != null) {
                        lsoas.merge(e.lsoa(), 1, Integer::sum);
                    }
                }
            }
            Map<String, Double> values = Map.of("members", (double) members.size(), "lsoas", (double) lsoas.size());
            Map<String, String> labels = lsoas.isEmpty() ? Map.of()
                    : Map.of("lsoa", lsoas.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.CLUSTER_CHANGED, "cluster", key, lad.lad(), asOf,
                    lon / members.size(), lat / members.size(), values, labels, members));
            state.clusters().put(key, new Published(values, labels, members));
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Published> e : state.clusters().entries()) {
            if (!current.contains(e.getKey())) {
                gone.add(e.getKey());
            }
        }
        for (String key : gone) {
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.CLUSTER_CLEARED, "cluster", key, lad.lad(), asOf, null, null,
                    Map.of("members", 0.0), Map.of(), List.of()));
            state.clusters().remove(key);
        }
    }
}
