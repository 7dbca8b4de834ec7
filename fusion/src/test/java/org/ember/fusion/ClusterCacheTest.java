package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ember.geo.fusion.FusionSettings;
import org.junit.jupiter.api.Test;

/** The membership the cache keeps from label changes is the clustering's own, at every step. */
class ClusterCacheTest {
    private static final long HOUR = 3_600_000L;
    private static final long MONDAY = java.time.Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();

    private static FusedEvent stabbing(String id, long time, double x, double y) {
        return new FusedEvent(id, time, "W01001694", null, x, y, -3.18, 51.48, true, List.of("police"), false, false, true);
    }

    @Test
    void keptMembershipFollowsTheClusteringThroughArrivalsExpiriesAndRebuilds() {
        ClusterCache cache = new ClusterCache(FusionSettings.defaults().hotspots());
        SplittableRandom random = new SplittableRandom(7);
        List<FusedEvent> live = new ArrayList<>();
        cache.rebuild(live);
        long clock = MONDAY;
        int merged = 0;
        for (int n = 0; n < 1500; n++) {
            clock += (long) (random.nextDouble() * 0.5 * HOUR);
            // Three hot corners and a scatter, so that clusters form, merge, split and dissolve.
            double x = 318_000 + (random.nextInt(3) * 700) + random.nextDouble() * (random.nextInt(4) == 0 ? 3000 : 250);
            double y = 176_000 + random.nextDouble() * 250;
            FusedEvent e = stabbing("LI-" + n, clock, x, y);
            int before = cache.clusters().size();
            cache.add(e);
            live.add(e);
            if (cache.clusters().size() < before) {
                merged++;
            }
            if (random.nextInt(40) == 0) {
                cache.expire(clock);
            }
            if (random.nextInt(300) == 0) {
                cache.rebuild(live);
            }
            assertThat(cache.clusterOf()).as("step %d", n).isEqualTo(cache.labelsOfClustering());
            Map<Integer, List<String>> fromLabels = new TreeMap<>();
            Map<String, Integer> labels = new HashMap<>(cache.clusterOf());
            for (FusedEvent f : live) {
                Integer label = labels.get(f.id());
                if (label != null) {
                    fromLabels.computeIfAbsent(label, k -> new ArrayList<>()).add(f.id());
                }
            }
            assertThat(cache.clusters()).as("members in arrival order, step %d", n).isEqualTo(fromLabels);
        }
        assertThat(merged).as("clusters merged along the way").isPositive();
        assertThat(cache.clusters()).isNotEmpty();
    }

    /**
     * Two authorities either side of a line (x = 318 400) each cluster their own incidents and the
     * other's as halo incidents, one arriving live, the other rebuilt: every cluster is published
     * by exactly one of them, the side of its earliest core point.
     */
    @Test
    void eachClusterIsPublishedByOneSideTheSideOfItsEarliestCorePoint() {
        ClusterCache west = new ClusterCache(FusionSettings.defaults().hotspots());
        ClusterCache east = new ClusterCache(FusionSettings.defaults().hotspots());
        west.rebuild(List.of(), List.of());
        SplittableRandom random = new SplittableRandom(11);
        List<FusedEvent> westOwn = new ArrayList<>();
        List<FusedEvent> eastOwn = new ArrayList<>();
        long clock = MONDAY;
        for (int n = 0; n < 400; n++) {
            clock += (long) (random.nextDouble() * 0.5 * HOUR);
            double x = 318_000 + random.nextDouble() * 800;
            double y = 176_000 + random.nextInt(3) * 600 + random.nextDouble() * 250;
            FusedEvent e = stabbing("LI-" + n, clock, x, y);
            boolean isWest = x < 318_400;
            (isWest ? westOwn : eastOwn).add(e);
            west.add(e, !isWest);
        }
        east.rebuild(eastOwn, westOwn);
        int byWest = 0;
        int byEast = 0;
        for (Map.Entry<Integer, List<String>> c : west.clusters().entrySet()) {
            // The same cluster on the other side: the one its members are in (cores are partitioned alike).
            Map<Integer, Long> there = new TreeMap<>();
            c.getValue().forEach(id -> {
                Integer label = east.clusterOf().get(id);
                if (label != null) {
                    there.merge(label, 1L, Long::sum);
                }
            });
            int other = there.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            boolean here = west.publishedHere(c.getKey());
            assertThat(east.publishedHere(other)).as("cluster %s", c.getValue()).isEqualTo(!here);
            byWest += here ? 1 : 0;
            byEast += here ? 0 : 1;
        }
        assertThat(byWest).as("published by the west").isPositive();
        assertThat(byEast).as("published by the east").isPositive();
        assertThat(west.clusters()).hasSameSizeAs(east.clusters());
    }
}
