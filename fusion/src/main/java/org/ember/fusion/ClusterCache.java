package org.ember.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ember.geo.cluster.ClusterUpdate;
import org.ember.geo.cluster.IncrementalStDbscan;
import org.ember.geo.cluster.LabelChange;
import org.ember.geo.cluster.SpaceTimeNeighbourhood;
import org.ember.geo.cluster.StPoint;
import org.ember.geo.layers.HotspotSettings;

/**
 * The live ST-DBSCAN of one local authority ({@link IncrementalStDbscan}), kept in task memory
 * beside the Flink state it is derived from. After a restart it is empty and is rebuilt from the
 * incidents in state on first use; a cancelled or moved incident also forces a rebuild, since the
 * clustering cannot remove one point. Cluster ids therefore start again after a rebuild; what was
 * published is diffed against what is live, so consumers still see every change.
 */
final class ClusterCache {
    private static final double DAY = 86_400_000.0;
    private final HotspotSettings settings;
    private IncrementalStDbscan dbscan;
    private final Map<String, Long> pointOf = new HashMap<>();
    private final Map<Long, String> incidentOf = new HashMap<>();
    private long nextPoint;
    private long horizonStart = Long.MIN_VALUE;
    /** A clustered point changed label (or the clustering was rebuilt) since {@link #published()}. */
    private boolean changed = true;

    ClusterCache(HotspotSettings settings) {
        this.settings = settings;
    }

    boolean built() {
        return dbscan != null;
    }

    /** Builds the clustering afresh from the incidents, in event-time order. */
    void rebuild(Iterable<FusedEvent> events) {
        dbscan = new IncrementalStDbscan(new SpaceTimeNeighbourhood(settings.clusterEpsMetres(),
                settings.clusterEpsTime().toMillis() / DAY), settings.clusterMinPts());
        pointOf.clear();
        incidentOf.clear();
        changed = true;
        List<FusedEvent> sorted = new ArrayList<>();
        for (FusedEvent e : events) {
            if (admits(e)) {
                sorted.add(e);
            }
        }
        sorted.sort(Comparator.comparingLong(FusedEvent::time).thenComparing(FusedEvent::id));
        sorted.forEach(this::addPoint);
    }

    boolean contains(String incidentId) {
        return pointOf.containsKey(incidentId);
    }

    /** Whether an incident belongs in the clustering: a point, inside the horizon. */
    boolean admits(FusedEvent e) {
        return e.precise() && e.time() >= horizonStart;
    }

    void add(FusedEvent e) {
        if (admits(e) && !contains(e.id())) {
            addPoint(e);
        }
    }

    private void addPoint(FusedEvent e) {
        long id = nextPoint++;
        pointOf.put(e.id(), id);
        incidentOf.put(id, e.id());
        note(dbscan.add(new StPoint(id, e.x(), e.y(), e.time() / DAY)));
    }

    private void note(ClusterUpdate update) {
        for (LabelChange c : update.changes()) {
            if (c.before() > 0 || c.after() > 0) {
                changed = true;
                return;
            }
        }
    }

    /** Whether any cluster may differ from what was published last. */
    boolean changedSincePublished() {
        return changed;
    }

    /** What is live has been published (or everything published was cleared: then {@code changed} again). */
    void published(boolean asLive) {
        changed = !asLive;
    }

    /** Moves the horizon to {@code asOf − clusterHorizon}, dropping older incidents. */
    void expire(long asOf) {
        horizonStart = Math.max(horizonStart, asOf - settings.clusterHorizon().toMillis());
        note(dbscan.expire(horizonStart / DAY));
        Map<Long, Integer> live = dbscan.labels();
        List<Long> gone = new ArrayList<>();
        for (Long point : incidentOf.keySet()) {
            if (!live.containsKey(point)) {
                gone.add(point);
            }
        }
        for (Long point : gone) {
            pointOf.remove(incidentOf.remove(point));
        }
    }

    /** Live clusters: cluster number → member incident ids in arrival order. */
    TreeMap<Integer, List<String>> clusters() {
        TreeMap<Integer, List<String>> out = new TreeMap<>();
        for (Map.Entry<Long, Integer> e : dbscan.labels().entrySet()) {
            if (e.getValue() > 0) {
                out.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(incidentOf.get(e.getKey()));
            }
        }
        return out;
    }

    /** Cluster number of each clustered incident. */
    Map<String, Integer> clusterOf() {
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<Long, Integer> e : dbscan.labels().entrySet()) {
            if (e.getValue() > 0) {
                out.put(incidentOf.get(e.getKey()), e.getValue());
            }
        }
        return out;
    }

    int size() {
        return pointOf.size();
    }
}
