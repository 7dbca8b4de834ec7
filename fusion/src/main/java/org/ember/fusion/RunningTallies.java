package org.ember.fusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The incident tallies of every area of one local authority ({@link AreaTally}: counts per window,
 * agencies, cluster members and clusters, the 24-hour multi-agency evidence), kept running instead
 * of counted from the incidents at each evaluation ({@link AreaTallies#incidents} is the from-scratch
 * reference). Task memory in {@link LadCache}: built from state on first use, then told of every
 * change of the incidents in state ({@link #put}); cluster numbers come from the clustering's label
 * changes ({@link ClusterCache#drainRelabelled}) and window edges from the time index, both when
 * read ({@link #at}).
 *
 * <p>Invariant: every area's tally is the sum, over the incidents in state, of what each counts for
 * at {@link #asOf} with its cluster number at its last refresh; an incident is refreshed whenever
 * its version, its cluster number or its place relative to a window edge may have changed.
 */
final class RunningTallies {
    private static final long[] WINDOWS = AreaTally.WINDOW_MILLIS;
    private static final long LONGEST = WINDOWS[WINDOWS.length - 1];

    /** What one incident counts for, as added to its areas (to be taken away exactly). */
    private record Counted(FusedEvent e, String lsoaKey, boolean[] in, Integer cluster) {
        boolean any() {
            return cluster != null || in[0] || in[1];
        }
    }

    /** One area's running tally. */
    private static final class Area {
        final long[] all = new long[2];
        final long[] multiAgency = new long[2];
        final long[] healthOnly = new long[2];
        final long[] healthRecorded = new long[2];
        final long[] serious = new long[2];
        final List<TreeMap<String, Integer>> agencies = List.of(new TreeMap<>(), new TreeMap<>());
        final TreeSet<AreaTally.Evidence> multiAgency24h = new TreeSet<>();
        long clusterMembers;
        final TreeMap<Integer, Integer> clusters = new TreeMap<>();
        /** Incidents counted in any way: the area is dropped when none is left. */
        long incidents;
        /** The tally handed out since the last change (its users copy it before adding), null: to be made. */
        AreaTally tally;

        void add(Counted c, int sign) {
            tally = null;
            for (int w = 0; w < 2; w++) {
                if (c.in()[w]) {
                    window(c.e(), w, sign);
                }
            }
            cluster(c.cluster(), sign);
            incidents += sign;
        }

        /** {@code add(was, −1)} then {@code add(now, +1)} for two countings of the same incident version. */
        void replace(Counted was, Counted now) {
            tally = null;
            for (int w = 0; w < 2; w++) {
                if (was.in()[w] != now.in()[w]) {
                    window(now.e(), w, now.in()[w] ? 1 : -1);
                }
            }
            if (!Objects.equals(was.cluster(), now.cluster())) {
                cluster(was.cluster(), -1);
                cluster(now.cluster(), 1);
            }
            incidents += (now.any() ? 1 : 0) - (was.any() ? 1 : 0);
        }

        private void window(FusedEvent e, int w, int sign) {
            all[w] += sign;
            multiAgency[w] += e.multiAgency() ? sign : 0;
            healthOnly[w] += e.healthOnly() ? sign : 0;
            healthRecorded[w] += e.healthRecorded() ? sign : 0;
            serious[w] += e.serious() ? sign : 0;
            for (String feed : e.feeds()) {
                Tally.add(agencies.get(w), feed, sign);
            }
            if (w == 0 && e.multiAgency()) {
                AreaTally.Evidence evidence = new AreaTally.Evidence(e.time(), e.id());
                if (sign > 0) {
                    multiAgency24h.add(evidence);
                } else {
                    multiAgency24h.remove(evidence);
                }
            }
        }

        private void cluster(Integer cluster, int sign) {
            if (cluster != null) {
                clusterMembers += sign;
                Tally.add(clusters, cluster, sign);
            }
        }

        AreaTally tally() {
            if (tally == null) {
                tally = count();
            }
            return tally;
        }

        private AreaTally count() {
            AreaTally t = AreaTally.withCounts(all, multiAgency, healthOnly, healthRecorded, serious);
            for (int w = 0; w < 2; w++) {
                t.agencies.get(w).addAll(agencies.get(w).keySet());
            }
            t.addMultiAgencyIds(multiAgency24h);
            t.clusterMembers = clusterMembers;
            t.clusters.addAll(clusters.keySet());
            return t;
        }
    }

    private final Map<String, Area> areas = new HashMap<>();
    /** Incidents that count for something, or may soon (within the longest window or ahead of the clock), by id. */
    private final Map<String, Counted> counted = new HashMap<>();
    private final String ladKey;
    private long asOf;

    private RunningTallies(String ladKey, long asOf) {
        this.ladKey = ladKey;
        this.asOf = asOf;
    }

    /** The authority's running tallies, built from state at {@code asOf} when missing. */
    static RunningTallies of(LadScope lad, long asOf) {
        LadCache cache = lad.cache();
        if (cache.tallies == null) {
            RunningTallies running = new RunningTallies(lad.ladKey(), asOf);
            cache.clusters.trackRelabelled(); // from here on; the labels now are read below
            Map<String, Integer> clusterOf = cache.clusters.clusterOf();
            for (Map.Entry<String, FusedEvent> e : lad.state().events().entries()) {
                running.add(lad, e.getValue(), clusterOf.get(e.getKey()));
            }
            cache.tallies = running;
        }
        return cache.tallies;
    }

    /** The incident {@code id} in state is now {@code e} (null: it left the state). */
    void put(LadScope lad, String id, FusedEvent e) {
        Integer cluster = e == null ? null : lad.cache().clusters.clusterOf().get(id);
        Counted was = counted.get(id);
        if (was != null && e == was.e()) {
            move(lad, was, cluster); // the same version: only its windows or its cluster can differ
            return;
        }
        remove(id);
        if (e != null) {
            add(lad, e, cluster);
        }
    }

    /**
     * What {@code remove} then {@code add} of the same version of an incident give, changing only
     * the windows it entered or left and its cluster (an incident crossing a window edge, or
     * relabelled, is refreshed every few hours; counted whole, each would move every tally of it).
     */
    private void move(LadScope lad, Counted was, Integer cluster) {
        Counted now = counted(lad, was.e(), cluster);
        if (!keep(now, cluster)) {
            counted.remove(was.e().id());
        } else {
            counted.put(was.e().id(), now);
        }
        if (!was.any() && !now.any()) {
            return;
        }
        if (was.any() && now.any() && Arrays.equals(was.in(), now.in()) && Objects.equals(was.cluster(), now.cluster())) {
            return;
        }
        moveIn(ladKey, was, now);
        if (now.lsoaKey() != null) {
            moveIn(now.lsoaKey(), was, now);
        }
    }

    private void moveIn(String key, Counted was, Counted now) {
        Area area = areaOf(key);
        area.replace(was, now);
        dropIfEmpty(key);
    }

    /**
     * The tallies of {@code areaKeys} at {@code asOf}; areas with nothing counted are left out. An
     * area's tally is made again only after it changed, so the caller must copy one before adding
     * to it ({@link AreaTally#copy}).
     */
    Map<String, AreaTally> at(LadScope lad, Set<String> areaKeys, long asOf) {
        moveTo(lad, asOf);
        Map<String, AreaTally> out = new HashMap<>();
        for (String key : areaKeys) {
            Area area = areas.get(key);
            if (area != null) {
                out.put(key, area.tally());
            }
        }
        return out;
    }

    /** Refreshes what changed cluster, and what crossed a window edge or the clock between the two times. */
    private void moveTo(LadScope lad, long to) {
        List<String> moved = lad.cache().clusters.drainRelabelled();
        if (to != asOf) {
            moved = new ArrayList<>(moved);
            long lo = Math.min(asOf, to);
            long hi = Math.max(asOf, to);
            TimeIndex times = lad.eventTimes();
            times.between(lo, hi, moved);
            for (long w : WINDOWS) {
                times.between(lo - w, hi - w, moved);
            }
            asOf = to;
        }
        for (String id : moved) {
            Counted was = counted.get(id);
            put(lad, id, was != null ? was.e() : lad.state().events().get(id));
        }
    }

    private void remove(String id) {
        Counted was = counted.remove(id);
        if (was != null && was.any()) {
            areaOf(ladKey).add(was, -1);
            if (was.lsoaKey() != null) {
                areaOf(was.lsoaKey()).add(was, -1);
            }
            dropIfEmpty(ladKey);
            if (was.lsoaKey() != null) {
                dropIfEmpty(was.lsoaKey());
            }
        }
    }

    private void add(LadScope lad, FusedEvent e, Integer cluster) {
        Counted c = counted(lad, e, cluster);
        if (c.any()) {
            areaOf(ladKey).add(c, 1);
            if (c.lsoaKey() != null) {
                areaOf(c.lsoaKey()).add(c, 1);
            }
        }
        if (keep(c, cluster)) {
            counted.put(e.id(), c);
        }
    }

    /** What {@code e} counts for at {@link #asOf} with this cluster number. */
    private Counted counted(LadScope lad, FusedEvent e, Integer cluster) {
        long t = e.time();
        boolean[] in = new boolean[WINDOWS.length];
        for (int w = 0; w < WINDOWS.length; w++) {
            in[w] = t > asOf - WINDOWS[w] && t <= asOf;
        }
        return new Counted(e, e.lsoa() == null ? null : lad.lsoaKey(e.lsoa()), in, t <= asOf ? cluster : null);
    }

    /** Kept while it may still count (or be clustered): its areas need no second state read. */
    private boolean keep(Counted c, Integer cluster) {
        return c.any() || cluster != null || c.e().time() > asOf - LONGEST;
    }

    private Area areaOf(String key) {
        return areas.computeIfAbsent(key, k -> new Area());
    }

    private void dropIfEmpty(String key) {
        Area area = areas.get(key);
        if (area != null && area.incidents == 0) {
            areas.remove(key);
        }
    }
}
