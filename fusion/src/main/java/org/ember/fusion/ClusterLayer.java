package org.ember.fusion;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.model.fusion.HotspotUpdate;

/**
 * Space-time clusters (incremental ST-DBSCAN, {@link ClusterCache}) of one local authority: updated
 * the moment an incident arrives, expired on the hourly tick, and published as changes
 * ({@code cluster_changed}, {@code cluster_cleared}) against what was published before.
 *
 * <p>The clustering takes the authority's own incidents and its neighbours' halo incidents (those
 * near its cells, {@link CellOwners}), so a cluster across the boundary is found whole by both
 * sides. Only one publishes it, keyed by its own authority and cluster number: the one whose
 * incident is the cluster's earliest core point ({@link ClusterCache#publishedHere}). A cluster of
 * halo incidents alone is never published here.
 */
final class ClusterLayer {
    private final LadScope lad;

    ClusterLayer(LadScope lad) {
        this.lad = lad;
    }

    /** Everything published was cleared outside this layer. */
    void cleared() {
        lad.cache().clusters.published(false);
    }

    /** The live clustering, rebuilt from state after a restart. */
    ClusterCache clusters() {
        ClusterCache cache = lad.cache().clusters;
        if (!cache.built()) {
            rebuild(cache);
        }
        return cache;
    }

    private void rebuild(ClusterCache cache) {
        cache.rebuild(Publish.values(lad.state().events()), Publish.values(lad.state().halo()));
    }

    /** An incident replaced {@code previous} (either may be null); a cancelled or moved member forces a rebuild. */
    void onIncident(String id, FusedEvent previous, FusedEvent next, long asOf) {
        onChange(id, previous, next, false, asOf);
    }

    /** A neighbour's halo incident replaced {@code previous} (either may be null), as {@link #onIncident}. */
    void onHalo(String id, FusedEvent previous, FusedEvent next, long asOf) {
        onChange(id, previous, next, true, asOf);
    }

    private void onChange(String id, FusedEvent previous, FusedEvent next, boolean halo, long asOf) {
        ClusterCache clusters = clusters();
        if (clusters.contains(id) && (next == null || !next.samePlaceAndTime(previous))) {
            rebuild(clusters);
        } else if (next != null) {
            clusters.add(next, halo);
        }
        publish(asOf);
    }

    /** The hour's tick: incidents {@code old} (own or halo) left the state; the clustering horizon moves on. */
    void onTick(List<String> old, long asOf) {
        ClusterCache clusters = clusters();
        if (!old.isEmpty() && hasAny(old, clusters)) {
            rebuild(clusters);
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
        ClusterCache cache = lad.cache().clusters;
        if (lad.cache().incremental && !cache.changedSincePublished()) {
            return; // no clustered incident changed label: what is published is what is live
        }
        // After a rebuild everything is compared; otherwise only the clusters whose members changed.
        List<Integer> changed = !lad.cache().incremental || cache.wholeChanged() ? null : cache.dirtyClusters();
        cache.published(true);
        LadState state = lad.state();
        TreeMap<Integer, List<String>> live = new TreeMap<>();
        TreeMap<Integer, String> gone = new TreeMap<>();
        if (changed == null) {
            for (Map.Entry<Integer, List<String>> c : cache.clusters().entrySet()) {
                if (cache.publishedHere(c.getKey())) {
                    live.put(c.getKey(), c.getValue());
                }
            }
            for (Map.Entry<String, Published> e : state.clusters().entries()) {
                int number = number(e.getKey());
                if (!live.containsKey(number)) {
                    gone.put(number, e.getKey());
                }
            }
        } else {
            for (int number : changed) {
                List<String> members = cache.members(number);
                if (!members.isEmpty() && cache.publishedHere(number)) {
                    live.put(number, members);
                } else if (state.clusters().get(key(number)) != null) {
                    gone.put(number, key(number));
                }
            }
        }
        for (Map.Entry<Integer, List<String>> c : live.entrySet()) {
            publishIfChanged(key(c.getKey()), c.getValue(), asOf);
        }
        for (String key : gone.values()) {
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.CLUSTER_CLEARED, "cluster", key, lad.lad(), asOf, null, null,
                    Map.of("members", 0.0), Map.of(), List.of()));
            state.clusters().remove(key);
        }
    }

    private String key(int number) {
        return lad.lad() + ":" + number;
    }

    private static int number(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
    }

    private void publishIfChanged(String key, List<String> members, long asOf) {
        LadState state = lad.state();
        Published old = state.clusters().get(key);
        if (old != null && old.members().equals(members)) {
            return;
        }
        double lon = 0;
        double lat = 0;
        Map<String, Integer> lsoas = new TreeMap<>();
        for (String id : members) {
            FusedEvent e = state.ownOrHalo(id); // a neighbour's incident may be in the cluster
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
}
