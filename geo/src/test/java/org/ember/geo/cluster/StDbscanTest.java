package org.ember.geo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StDbscanTest {
    private static final double DAY = 1.0;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void gridIndexedStDbscanEqualsBruteForce(long seed) {
        List<StPoint> points = ClusteringFixtures.stream(seed, 400, 1_000);
        SpaceTimeNeighbourhood nb = new SpaceTimeNeighbourhood(40, 3 * DAY);
        Clustering indexed = StDbscan.cluster(points, nb, 4);
        Clustering reference = ClusteringFixtures.bruteForce(points, nb, 4);
        assertThat(indexed.labels()).containsExactly(reference.labels());
        assertThat(indexed.clusterCount()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void infiniteTimeWindowIsPlainDbscan(long seed) {
        List<StPoint> points = ClusteringFixtures.stream(seed, 300, 1_000);
        double[] x = points.stream().mapToDouble(StPoint::x).toArray();
        double[] y = points.stream().mapToDouble(StPoint::y).toArray();
        Clustering st = StDbscan.cluster(points, new SpaceTimeNeighbourhood(30, Double.POSITIVE_INFINITY), 5);
        Clustering plain = Dbscan.cluster(x, y, 30, 5);
        assertThat(st.labels()).containsExactly(plain.labels());
    }

    @Test
    void eventsCloseInSpaceButFarInTimeDoNotCluster() {
        List<StPoint> points = List.of(
                new StPoint(1, 0, 0, 0), new StPoint(2, 1, 0, 0.5), new StPoint(3, 0, 1, 1.0),
                new StPoint(4, 0, 0, 30), new StPoint(5, 1, 0, 30.5));
        Clustering c = StDbscan.cluster(points, new SpaceTimeNeighbourhood(2, 1.0), 3);
        assertThat(c.labels()).containsExactly(1, 1, 1, 0, 0);
        // The time window is inclusive: at exactly 1 day apart, events 1 and 3 are neighbours.
        assertThat(c.isCore(0)).isTrue();
        assertThat(c.isCore(2)).isTrue();
    }

    @Test
    void borderPointJoinsTheFirstClusterThatReachesIt() {
        // Two groups of four around x = -0.5 and x = 4.5, each with one member reaching 1.9 towards
        // the point b = (2, 0); b has 3 neighbours (itself and one of each group): a border point.
        double[] left = {-0.5, -0.5, -0.5, 0.1};
        double[] right = {4.5, 4.5, 4.5, 3.9};
        double[] dy = {0, 0.1, -0.1, 0};
        double[] x = new double[9];
        double[] y = new double[9];
        for (int k = 0; k < 4; k++) {
            x[k] = left[k];
            x[5 + k] = right[k];
            y[k] = dy[k];
            y[5 + k] = dy[k];
        }
        x[4] = 2;
        Clustering leftFirst = Dbscan.cluster(x, y, 2, 4);
        assertThat(leftFirst.labels()).containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2);
        assertThat(leftFirst.isCore(4)).isFalse();

        double[] swappedX = new double[9];
        for (int k = 0; k < 4; k++) {
            swappedX[k] = right[k];
            swappedX[5 + k] = left[k];
        }
        swappedX[4] = 2;
        Clustering rightFirst = Dbscan.cluster(swappedX, y, 2, 4);
        assertThat(rightFirst.labels()).containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2);
    }
}
