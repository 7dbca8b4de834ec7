package org.ember.geo.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * ST-DBSCAN maintained over a sliding time horizon: events arrive one by one ({@link #add}) and
 * leave when the horizon passes them ({@link #expire}); each call returns the points whose label
 * changed. After any sequence of calls the clustering of the live points equals batch
 * {@link StDbscan} on those points (input in arrival order) in this sense:
 * <ul>
 *   <li>the same points are core, and the same points are noise;</li>
 *   <li>the core points are partitioned into the same clusters (cluster ids differ: here they are
 *       stable across updates, so a consumer can follow a cluster);</li>
 *   <li>a border point (non-core, within reach of a core point) is in the cluster of one of its core
 *       neighbours. DBSCAN leaves the choice open when those cores lie in several clusters (batch
 *       DBSCAN takes the first cluster in scan order). Here the rule is: a border point keeps its
 *       current cluster as long as it still has a core neighbour in it, otherwise it joins the
 *       adjacent cluster with the smallest id (the oldest). This keeps border points from flapping
 *       between clusters as the stream moves.</li>
 * </ul>
 *
 * <p>Cluster ids: a cluster formed from nothing gets the next unused id (1, 2, …, never reused);
 * when clusters merge the smallest id survives; when a cluster splits, the part holding its oldest
 * remaining core point keeps the id and each other part gets a new id.
 *
 * <p>Cost: an arrival touches its neighbourhood, plus the cores of clusters it merges away; an
 * expiry of core points re-checks the connectivity of each cluster that lost a core (a breadth-first
 * search over that cluster's cores), because removing a core can split a cluster.
 *
 * <p>Not thread-safe: feed it from one thread (e.g. one keyed stream operator).
 */
public final class IncrementalStDbscan {
    private static final int UNASSIGNED = Integer.MIN_VALUE;

    private static final class Node {
        final StPoint point;
        final long seq;
        int count; // neighbours within the neighbourhood, itself included
        boolean core;
        int label;

        Node(StPoint point, long seq) {
            this.point = point;
            this.seq = seq;
        }
    }

    private final SpaceTimeNeighbourhood neighbourhood;
    private final int minPts;
    private final SpaceTimeGrid<Node> grid;
    private final Map<Long, Node> live = new LinkedHashMap<>();
    private final PriorityQueue<Node> byTime = new PriorityQueue<>(
            Comparator.comparingDouble((Node n) -> n.point.t()).thenComparingLong(n -> n.seq));
    /** Core members of each cluster, ordered by arrival (so the oldest core is first). */
    private final Map<Integer, TreeMap<Long, Node>> clusters = new HashMap<>();
    private long nextSeq;
    private int nextClusterId = 1;

    public IncrementalStDbscan(SpaceTimeNeighbourhood neighbourhood, int minPts) {
        if (minPts < 1) {
            throw new IllegalArgumentException("minPts must be at least 1, got " + minPts);
        }
        this.neighbourhood = neighbourhood;
        this.minPts = minPts;
        this.grid = new SpaceTimeGrid<>(neighbourhood, n -> n.point);
    }

    /** Adds an event (ids must be unique among live points) and returns the label changes. */
    public ClusterUpdate add(StPoint point) {
        if (live.containsKey(point.id())) {
            throw new IllegalArgumentException("point " + point.id() + " is already live");
        }
        Changes changes = new Changes();
        Node node = new Node(point, nextSeq++);
        changes.arrived(node);
        grid.add(node);
        live.put(point.id(), node);
        byTime.add(node);
        List<Node> around = grid.neighbours(point);
        node.count = around.size();
        List<Node> promoted = new ArrayList<>();
        for (Node q : around) {
            if (q != node) {
                q.count++;
            }
            if (!q.core && q.count >= minPts) {
                promoted.add(q);
            }
        }
        Set<Node> borderCandidates = new HashSet<>(around);
        for (Node c : promoted) {
            changes.touch(c);
            c.core = true;
            c.label = UNASSIGNED;
        }
        for (Node c : promoted) {
            if (c.label == UNASSIGNED) {
                attachComponent(c, changes, borderCandidates);
            }
        }
        for (Node c : promoted) {
            borderCandidates.addAll(grid.neighbours(c.point));
        }
        relabelBorders(borderCandidates, changes);
        return changes.toUpdate();
    }

    /**
     * Removes every live event with time strictly before {@code horizonStart} and returns the
     * label changes (expired points appear with {@code after = ABSENT}).
     */
    public ClusterUpdate expire(double horizonStart) {
        Changes changes = new Changes();
        List<Node> removed = new ArrayList<>();
        while (!byTime.isEmpty() && byTime.peek().point.t() < horizonStart) {
            Node r = byTime.poll();
            changes.touch(r);
            grid.remove(r);
            live.remove(r.point.id());
            removed.add(r);
        }
        if (removed.isEmpty()) {
            return changes.toUpdate();
        }
        Set<Integer> damaged = new HashSet<>();
        Set<Node> borderCandidates = new HashSet<>();
        for (Node r : removed) {
            if (r.core) {
                damaged.add(r.label);
                clusters.get(r.label).remove(r.seq);
            }
            r.label = LabelChange.ABSENT;
            r.core = false;
            for (Node q : grid.neighbours(r.point)) {
                q.count--;
                borderCandidates.add(q);
                if (q.core && q.count < minPts) {
                    changes.touch(q);
                    q.core = false;
                    damaged.add(q.label);
                    clusters.get(q.label).remove(q.seq);
                    borderCandidates.addAll(grid.neighbours(q.point));
                }
            }
        }
        for (int id : damaged) {
            splitIfDisconnected(id, changes, borderCandidates);
        }
        relabelBorders(borderCandidates, changes);
        return changes.toUpdate();
    }

    /** Number of live events. */
    public int size() {
        return live.size();
    }

    /** Live events in arrival order. */
    public List<StPoint> livePoints() {
        List<StPoint> points = new ArrayList<>(live.size());
        for (Node n : live.values()) {
            points.add(n.point);
        }
        return points;
    }

    /** Current label of each live event (0 = noise), in arrival order. */
    public Map<Long, Integer> labels() {
        Map<Long, Integer> labels = new LinkedHashMap<>();
        for (Node n : live.values()) {
            labels.put(n.point.id(), n.label);
        }
        return labels;
    }

    /** Whether a live event is a core point. */
    public boolean isCore(long id) {
        Node n = live.get(id);
        if (n == null) {
            throw new IllegalArgumentException("point " + id + " is not live");
        }
        return n.core;
    }

    /** Ids of the clusters that currently exist. */
    public Set<Integer> clusterIds() {
        return Set.copyOf(clusters.keySet());
    }

    /**
     * Gives the connected component of new cores around {@code start} a cluster: the smallest id
     * among the clusters it touches (merging the others into it), or a fresh id.
     */
    private void attachComponent(Node start, Changes changes, Set<Node> borderCandidates) {
        List<Node> component = new ArrayList<>();
        Set<Integer> touched = new HashSet<>();
        Deque<Node> frontier = new ArrayDeque<>();
        start.label = 0; // in progress
        frontier.push(start);
        while (!frontier.isEmpty()) {
            Node c = frontier.pop();
            component.add(c);
            for (Node q : grid.neighbours(c.point)) {
                if (!q.core) {
                    continue;
                }
                if (q.label == UNASSIGNED) {
                    q.label = 0;
                    frontier.push(q);
                } else if (q.label > 0) {
                    touched.add(q.label);
                }
            }
        }
        int target = touched.isEmpty() ? nextClusterId++ : touched.stream().min(Integer::compare).orElseThrow();
        TreeMap<Long, Node> members = clusters.computeIfAbsent(target, id -> new TreeMap<>());
        for (int other : touched) {
            if (other == target) {
                continue;
            }
            for (Node c : clusters.remove(other).values()) {
                changes.touch(c);
                c.label = target;
                members.put(c.seq, c);
                borderCandidates.addAll(grid.neighbours(c.point));
            }
        }
        for (Node c : component) {
            c.label = target;
            members.put(c.seq, c);
        }
    }

    /** Re-checks a cluster that lost cores; a disconnected remainder gets new ids. */
    private void splitIfDisconnected(int id, Changes changes, Set<Node> borderCandidates) {
        TreeMap<Long, Node> remaining = clusters.remove(id);
        if (remaining == null || remaining.isEmpty()) {
            return; // dissolved: its former border points are in borderCandidates already
        }
        boolean first = true;
        Set<Node> unreached = new HashSet<>(remaining.values());
        // Components are taken in order of their oldest core, so the oldest part keeps the id.
        for (Node seed : remaining.values()) {
            if (!unreached.contains(seed)) {
                continue;
            }
            int label = first ? id : nextClusterId++;
            TreeMap<Long, Node> part = new TreeMap<>();
            Deque<Node> frontier = new ArrayDeque<>();
            unreached.remove(seed);
            frontier.push(seed);
            while (!frontier.isEmpty()) {
                Node c = frontier.pop();
                part.put(c.seq, c);
                if (c.label != label) {
                    changes.touch(c);
                    c.label = label;
                    borderCandidates.addAll(grid.neighbours(c.point));
                }
                for (Node q : grid.neighbours(c.point)) {
                    if (q.core && unreached.remove(q)) {
                        frontier.push(q);
                    }
                }
            }
            clusters.put(label, part);
            first = false;
        }
    }

    private void relabelBorders(Set<Node> candidates, Changes changes) {
        for (Node b : candidates) {
            if (b.core || b.label == LabelChange.ABSENT) {
                continue;
            }
            boolean keep = false;
            int smallest = Integer.MAX_VALUE;
            for (Node q : grid.neighbours(b.point)) {
                if (q.core) {
                    keep |= q.label == b.label;
                    smallest = Math.min(smallest, q.label);
                }
            }
            int label = keep ? b.label : smallest == Integer.MAX_VALUE ? LabelChange.NOISE : smallest;
            if (label != b.label) {
                changes.touch(b);
                b.label = label;
            }
        }
    }

    /** Remembers each touched node's state before the update, to report only real changes. */
    private static final class Changes {
        private record Before(int label, boolean core) {}

        private final Map<Node, Before> before = new HashMap<>();

        void arrived(Node n) {
            n.label = LabelChange.NOISE;
            before.put(n, new Before(LabelChange.ABSENT, false));
        }

        void touch(Node n) {
            before.putIfAbsent(n, new Before(n.label, n.core));
        }

        ClusterUpdate toUpdate() {
            List<Node> nodes = new ArrayList<>(before.keySet());
            nodes.sort(Comparator.comparingLong(n -> n.seq));
            List<LabelChange> list = new ArrayList<>();
            for (Node n : nodes) {
                Before b = before.get(n);
                if (b.label != n.label || b.core != n.core) {
                    list.add(new LabelChange(n.point.id(), b.label, n.label, n.core));
                }
            }
            return new ClusterUpdate(list);
        }
    }
}
