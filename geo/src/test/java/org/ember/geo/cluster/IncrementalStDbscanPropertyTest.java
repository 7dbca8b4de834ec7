package org.ember.geo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After every add and expire, the incremental clustering equals batch ST-DBSCAN on the live points
 * (arrival order), as defined in {@link IncrementalStDbscan}: identical core and noise sets, the same
 * partition of core points (ids related by a bijection), and every border point in a cluster of one
 * of its core neighbours. The changes each call reports, applied to a copy, give the new labels.
 */
class IncrementalStDbscanPropertyTest {

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 40; s++) {
            seeds.add(s);
        }
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalsBatchAfterAnySequenceOfAddsAndExpiries(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 7919);
        double eps = 30 + random.nextDouble() * 60;
        double epsTime = 2 + random.nextDouble() * 6;
        int minPts = 2 + random.nextInt(3);
        double horizon = 5 + random.nextDouble() * 25;
        SpaceTimeNeighbourhood nb = new SpaceTimeNeighbourhood(eps, epsTime);
        IncrementalStDbscan incremental = new IncrementalStDbscan(nb, minPts);
        Map<Long, Integer> shadow = new HashMap<>();
        List<StPoint> stream = ClusteringFixtures.stream(seed, 250, 600);
        int clustersSeen = 0;
        for (StPoint p : stream) {
            apply(incremental.add(p), shadow);
            check(incremental, shadow, nb, minPts);
            if (random.nextDouble() < 0.3) {
                // Expire to a horizon behind the newest event, sometimes a jump that empties a lot.
                double cut = p.t() - (random.nextDouble() < 0.1 ? random.nextDouble() * 3 : horizon);
                apply(incremental.expire(cut), shadow);
                check(incremental, shadow, nb, minPts);
                assertThat(incremental.livePoints()).allSatisfy(q -> assertThat(q.t()).isGreaterThanOrEqualTo(cut));
            }
            clustersSeen = Math.max(clustersSeen, incremental.clusterIds().size());
        }
        apply(incremental.expire(Double.POSITIVE_INFINITY), shadow);
        assertThat(incremental.size()).isZero();
        assertThat(shadow).isEmpty();
        assertThat(incremental.clusterIds()).isEmpty();
        assertThat(clustersSeen).as("the stream formed clusters at all").isPositive();
    }

    @Test
    void reportsArrivalMergeSplitAndExpiry() {
        IncrementalStDbscan dbscan = new IncrementalStDbscan(new SpaceTimeNeighbourhood(1.5, 10), 3);
        dbscan.add(new StPoint(1, 0, 0, 0));
        dbscan.add(new StPoint(2, 1, 0, 0));
        ClusterUpdate formed = dbscan.add(new StPoint(3, 2, 0, 0));
        // 2 has neighbours {1, 2, 3}: core; 1 and 3 are its border points.
        assertThat(formed.changes()).containsExactly(
                new LabelChange(1, 0, 1, false), new LabelChange(2, 0, 1, true), new LabelChange(3, -1, 1, false));
        dbscan.add(new StPoint(4, 6, 0, 1));
        dbscan.add(new StPoint(5, 7, 0, 1));
        dbscan.add(new StPoint(6, 8, 0, 1));
        assertThat(dbscan.clusterIds()).containsExactlyInAnyOrder(1, 2);
        // A bridge: 7 at x = 3.4 makes 3 core; 8 at x = 4.8 makes 7, 8 and 4 core and joins the two
        // clusters. The older id, 1, survives.
        dbscan.add(new StPoint(7, 3.4, 0, 2));
        ClusterUpdate merged = dbscan.add(new StPoint(8, 4.8, 0, 2));
        assertThat(dbscan.clusterIds()).containsExactly(1);
        assertThat(merged.changes()).contains(new LabelChange(5, 2, 1, true), new LabelChange(4, 2, 1, true),
                new LabelChange(8, -1, 1, true));
        // Expiring day 0 removes 1, 2, 3: 7 loses its core status and the chain breaks: 8, 4, 5, 6
        // stay together with a fresh id (3), the part holding the oldest core (7 is no longer core) …
        ClusterUpdate expired = dbscan.expire(0.5);
        assertThat(expired.changes()).filteredOn(c -> c.pointId() <= 3)
                .extracting(LabelChange::after).containsExactly(-1, -1, -1);
        assertThat(dbscan.isCore(7)).isFalse();
        assertThat(dbscan.labels()).containsEntry(4L, dbscan.labels().get(8L)).containsEntry(5L, dbscan.labels().get(8L));
        assertThat(dbscan.clusterIds()).hasSize(1);
    }

    @Test
    void removingTheMiddleOfAChainSplitsTheCluster() {
        IncrementalStDbscan dbscan = new IncrementalStDbscan(new SpaceTimeNeighbourhood(1.1, 100), 2);
        // A chain 0-1-2-3-4 along x, all core with minPts 2; the middle (x = 2) is the oldest event.
        dbscan.add(new StPoint(10, 2, 0, 0));
        for (int k : new int[] {0, 1, 3, 4}) {
            dbscan.add(new StPoint(k, k, 0, 1));
        }
        assertThat(dbscan.clusterIds()).hasSize(1);
        int before = dbscan.labels().get(0L);
        ClusterUpdate split = dbscan.expire(0.5);
        Map<Long, Integer> after = dbscan.labels();
        assertThat(dbscan.clusterIds()).hasSize(2);
        assertThat(after.get(0L)).isEqualTo(after.get(1L)).isEqualTo(before);
        assertThat(after.get(3L)).isEqualTo(after.get(4L)).isNotEqualTo(before);
        assertThat(split.changes()).extracting(LabelChange::pointId).containsExactly(10L, 3L, 4L); // arrival order
    }

    private static void apply(ClusterUpdate update, Map<Long, Integer> shadow) {
        for (LabelChange change : update.changes()) {
            assertThat(change.before()).isEqualTo(shadow.getOrDefault(change.pointId(), LabelChange.ABSENT));
            if (change.after() == LabelChange.ABSENT) {
                shadow.remove(change.pointId());
            } else {
                shadow.put(change.pointId(), change.after());
            }
        }
    }

    private static void check(IncrementalStDbscan incremental, Map<Long, Integer> shadow,
                              SpaceTimeNeighbourhood nb, int minPts) {
        List<StPoint> live = incremental.livePoints();
        Map<Long, Integer> labels = incremental.labels();
        assertThat(shadow).isEqualTo(labels);
        Clustering batch = StDbscan.cluster(live, nb, minPts);
        Map<Integer, Integer> toBatch = new HashMap<>();
        Map<Integer, Integer> fromBatch = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            long id = live.get(i).id();
            int mine = labels.get(id);
            assertThat(incremental.isCore(id)).as("core flag of %d", id).isEqualTo(batch.isCore(i));
            assertThat(mine == 0).as("noise flag of %d", id).isEqualTo(batch.label(i) == 0);
            if (batch.isCore(i)) {
                Integer previous = toBatch.putIfAbsent(mine, batch.label(i));
                assertThat(previous == null || previous == batch.label(i)).as("cluster %d maps to one batch cluster", mine).isTrue();
                Integer back = fromBatch.putIfAbsent(batch.label(i), mine);
                assertThat(back == null || back == mine).as("batch cluster %d maps to one cluster", batch.label(i)).isTrue();
            }
        }
        for (int i = 0; i < live.size(); i++) {
            if (batch.isCore(i) || batch.label(i) == 0) {
                continue;
            }
            Set<Integer> admissible = new HashSet<>();
            for (int j = 0; j < live.size(); j++) {
                if (batch.isCore(j) && nb.contains(live.get(i), live.get(j))) {
                    admissible.add(batch.label(j));
                }
            }
            int mine = labels.get(live.get(i).id());
            assertThat(admissible).as("border point %d", live.get(i).id()).contains(toBatch.get(mine));
        }
    }
}
