package org.ember.fusion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ember.geo.cluster.ClusterUpdate;
import org.ember.geo.cluster.IncrementalStDbscan;
import org.ember.geo.cluster.LabelChange;
import org.ember.geo.cluster.SpaceTimeNeighbourhood;
import org.ember.geo.cluster.StPoint;
import org.ember.geo.layers.HotspotSettings;

/**
 * The live ST-DBSCAN of one local authority ({@link IncrementalStDbscan}), kept in task memory
 * beside the Flink state it is derived from: its own incidents and its neighbours' halo incidents
 * ({@link CellOwners}), so that a cluster across the boundary is found whole. After a restart it is
 * empty and is rebuilt from the incidents in state on first use; a cancelled or moved incident also
 * forces a rebuild, since the clustering cannot remove one point. Cluster ids therefore start again
 * after a rebuild; what was published is diffed against what is live, so consumers still see every
 * change.
 *
 * <p>Membership is kept from the clustering's label changes, not read back from it: between two
 * publications only the clusters whose members changed ({@link #dirtyClusters}) are looked at, so
 * an incident costs what it changed, not the size of the authority's clustering.
 *
 * <p>Which authority publishes a cluster ({@link #publishedHere}): the one whose incident is the
 * cluster's earliest core point by (event time, incident id). Core points and their partition into
 * clusters do not depend on the order points arrived in (border points may), so two authorities that
 * both see a cluster whole agree on it.
 */
final class ClusterCache {
    private static final double DAY = 86_400_000.0;
    private final HotspotSettings settings;
    private IncrementalStDbscan dbscan;
    private final Map<String, Long> pointOf = new HashMap<>();
    private final Map<Long, Point> pointAt = new HashMap<>();
    private long nextPoint;
    private long horizonStart = Long.MIN_VALUE;
    /** Cluster number of each clustered incident (noise is not kept). */
    private final Map<String, Integer> labelOf = new HashMap<>();
    /** Members of each cluster: point (arrival order) → incident. */
    private final TreeMap<Integer, TreeMap<Long, String>> members = new TreeMap<>();
    /** Clusters whose members changed since {@link #published}. */
    private final Set<Integer> dirty = new TreeSet<>();
    /** Everything must be compared with what was published: after a rebuild, or when that was cleared. */
    private boolean wholeChanged = true;
    /** Incidents whose cluster number changed since {@link #drainRelabelled} (null: nobody asks). */
    private Set<String> relabelled;

    /** A point of the clustering: its incident, event time, and whether it is a neighbour's (halo) incident. */
    private record Point(String incident, long time, boolean halo) {
        boolean before(Point other) {
            return time < other.time || time == other.time && incident.compareTo(other.incident) < 0;
        }
    }

    ClusterCache(HotspotSettings settings) {
        this.settings = settings;
    }

    boolean built() {
        return dbscan != null;
    }

    /** Builds the clustering afresh from the authority's own incidents alone. */
    void rebuild(Iterable<FusedEvent> events) {
        rebuild(events, List.of());
    }

    /**
     * Builds the clustering afresh from the authority's own incidents and its halo incidents, all in
     * one canonical order: event time, then incident id (an id is in one of the two, never both).
     */
    void rebuild(Iterable<FusedEvent> events, Iterable<FusedEvent> halo) {
        dbscan = new IncrementalStDbscan(new SpaceTimeNeighbourhood(settings.clusterEpsMetres(),
                settings.clusterEpsTime().toMillis() / DAY), settings.clusterMinPts());
        pointOf.clear();
        pointAt.clear();
        if (relabelled != null) {
            relabelled.addAll(labelOf.keySet());
        }
        labelOf.clear();
        members.clear();
        dirty.clear();
        wholeChanged = true;
        Set<String> haloIds = new HashSet<>();
        List<FusedEvent> sorted = new ArrayList<>();
        for (FusedEvent e : events) {
            if (admits(e)) {
                sorted.add(e);
            }
        }
        for (FusedEvent e : halo) {
            if (admits(e)) {
                sorted.add(e);
                haloIds.add(e.id());
            }
        }
        sorted.sort(Comparator.comparingLong(FusedEvent::time).thenComparing(FusedEvent::id));
        for (FusedEvent e : sorted) {
            addPoint(e, haloIds.contains(e.id()));
        }
    }

    boolean contains(String incidentId) {
        return pointOf.containsKey(incidentId);
    }

    /** Whether an incident belongs in the clustering: a point, inside the horizon. */
    boolean admits(FusedEvent e) {
        return e.precise() && e.time() >= horizonStart;
    }

    /** Adds one of the authority's own incidents. */
    void add(FusedEvent e) {
        add(e, false);
    }

    /** Adds an incident, the authority's own or ({@code halo}) a neighbour's near it. */
    void add(FusedEvent e, boolean halo) {
        if (admits(e) && !contains(e.id())) {
            addPoint(e, halo);
        }
    }

    private void addPoint(FusedEvent e, boolean halo) {
        long id = nextPoint++;
        pointOf.put(e.id(), id);
        pointAt.put(id, new Point(e.id(), e.time(), halo));
        note(dbscan.add(new StPoint(id, e.x(), e.y(), e.time() / DAY)));
    }

    private void note(ClusterUpdate update) {
        for (LabelChange c : update.changes()) {
            if (c.before() == c.after()) {
                if (c.after() > 0) {
                    dirty.add(c.after()); // only its core status changed: the members are the same, who publishes may not be
                }
                continue;
            }
            String incident = pointAt.get(c.pointId()).incident();
            if (relabelled != null && (c.before() > 0 || c.after() > 0)) {
                relabelled.add(incident);
            }
            if (c.before() > 0) {
                TreeMap<Long, String> of = members.get(c.before());
                of.remove(c.pointId());
                if (of.isEmpty()) {
                    members.remove(c.before());
                }
                labelOf.remove(incident);
                dirty.add(c.before());
            }
            if (c.after() > 0) {
                members.computeIfAbsent(c.after(), k -> new TreeMap<>()).put(c.pointId(), incident);
                labelOf.put(incident, c.after());
                dirty.add(c.after());
            }
        }
    }

    /**
     * From now on, remember which incidents' cluster numbers change ({@link #clusterOf}), for
     * {@link #drainRelabelled}; forgets what was remembered before.
     */
    void trackRelabelled() {
        relabelled = new HashSet<>();
    }

    /** Incidents whose cluster number changed (joined, left, renumbered) since the last call; forgotten here. */
    List<String> drainRelabelled() {
        if (relabelled == null || relabelled.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(relabelled);
        relabelled.clear();
        return out;
    }

    /** Whether any cluster may differ from what was published last. */
    boolean changedSincePublished() {
        return wholeChanged || !dirty.isEmpty();
    }

    /** Whether every cluster must be compared with what was published, not only {@link #dirtyClusters}. */
    boolean wholeChanged() {
        return wholeChanged;
    }

    /** Numbers of the clusters whose members changed since the last publication, ascending. */
    List<Integer> dirtyClusters() {
        return List.copyOf(dirty);
    }

    /** Members of one cluster in arrival order; empty if it no longer exists. */
    List<String> members(int cluster) {
        TreeMap<Long, String> of = members.get(cluster);
        return of == null ? List.of() : new ArrayList<>(of.values());
    }

    /** What is live has been published (or everything published was cleared: then everything is changed). */
    void published(boolean asLive) {
        dirty.clear();
        wholeChanged = !asLive;
    }

    /** Moves the horizon to {@code asOf − clusterHorizon}, dropping older incidents. */
    void expire(long asOf) {
        horizonStart = Math.max(horizonStart, asOf - settings.clusterHorizon().toMillis());
        ClusterUpdate update = dbscan.expire(horizonStart / DAY);
        note(update);
        for (LabelChange c : update.changes()) {
            if (c.after() == LabelChange.ABSENT) {
                pointOf.remove(pointAt.remove(c.pointId()).incident());
            }
        }
    }

    /**
     * Whether this authority publishes the cluster: its earliest core point by (event time, incident
     * id) is one of the authority's own incidents, not a halo one. False for a cluster that no longer
     * exists.
     */
    boolean publishedHere(int cluster) {
        TreeMap<Long, String> of = members.get(cluster);
        if (of == null) {
            return false;
        }
        Point first = null;
        for (long point : of.keySet()) {
            if (dbscan.isCore(point)) {
                Point p = pointAt.get(point);
                if (first == null || p.before(first)) {
                    first = p;
                }
            }
        }
        return first != null && !first.halo();
    }

    /** Live clusters: cluster number → member incident ids in arrival order. */
    TreeMap<Integer, List<String>> clusters() {
        TreeMap<Integer, List<String>> out = new TreeMap<>();
        for (Map.Entry<Integer, TreeMap<Long, String>> e : members.entrySet()) {
            out.put(e.getKey(), new ArrayList<>(e.getValue().values()));
        }
        return out;
    }

    /** Cluster number of each clustered incident: a read-only view that follows the clustering. */
    Map<String, Integer> clusterOf() {
        return Collections.unmodifiableMap(labelOf);
    }

    /** The clustering's own labels by incident, noise left out: what {@link #clusterOf} keeps, read back (for tests). */
    Map<String, Integer> labelsOfClustering() {
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<Long, Integer> e : dbscan.labels().entrySet()) {
            if (e.getValue() > 0) {
                out.put(pointAt.get(e.getKey()).incident(), e.getValue());
            }
        }
        return out;
    }

    int size() {
        return pointOf.size();
    }
}
