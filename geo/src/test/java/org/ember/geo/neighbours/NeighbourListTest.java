package org.ember.geo.neighbours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NeighbourListTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void distanceBandEqualsBruteForceOnCompactPoints(long seed) {
        assertEqualsBruteForce(randomPoints(seed, 600, 1_000), 60);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void distanceBandEqualsBruteForceOnSparseWideExtents(long seed) {
        // Two dense towns 500 km apart: the bucket index takes its sparse path.
        double[][] a = randomPoints(seed, 300, 2_000);
        double[][] b = randomPoints(seed + 100, 300, 2_000);
        double[] x = new double[600];
        double[] y = new double[600];
        for (int i = 0; i < 300; i++) {
            x[i] = a[0][i];
            y[i] = a[1][i];
            x[300 + i] = b[0][i] + 500_000;
            y[300 + i] = b[1][i] + 300_000;
        }
        assertEqualsBruteForce(new double[][] {x, y}, 150);
    }

    @Test
    void bandIsInclusiveAndCoincidentPointsAreNeighbours() {
        double[] x = {0, 3, 0, 0};
        double[] y = {0, 4, 0, 5.000001};
        NeighbourList nb = NeighbourList.withinDistance(x, y, 5);
        assertThat(nb.neighbours(0)).containsExactly(1, 2);
        assertThat(nb.neighbours(3)).containsExactly(1);
    }

    @Test
    void givenListsDropSelfAndDuplicatesAndRejectBadIndices() {
        NeighbourList nb = NeighbourList.of(List.of(new int[] {1, 1, 0, 2}, new int[] {0}, new int[] {}));
        assertThat(nb.neighbours(0)).containsExactly(1, 2);
        assertThat(nb.count(2)).isZero();
        assertThatThrownBy(() -> NeighbourList.of(List.of(new int[] {5}))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertEqualsBruteForce(double[][] points, double band) {
        double[] x = points[0];
        double[] y = points[1];
        NeighbourList nb = NeighbourList.withinDistance(x, y, band);
        for (int i = 0; i < x.length; i++) {
            List<Integer> expected = new ArrayList<>();
            for (int j = 0; j < x.length; j++) {
                double dx = x[j] - x[i];
                double dy = y[j] - y[i];
                if (j != i && dx * dx + dy * dy <= band * band) {
                    expected.add(j);
                }
            }
            assertThat(nb.neighbours(i)).as("neighbours of %d", i)
                    .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static double[][] randomPoints(long seed, int n, double side) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * side;
            y[i] = random.nextDouble() * side;
        }
        return new double[][] {x, y};
    }

    /** The space-time neighbourhoods built in order are the lists {@link NeighbourList#of} sorts and cleans. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 7, 28})
    void spaceTimeNeighbourhoodsAreThoseOfTheirListsSorted(int steps) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(steps);
        int locations = 60;
        double[] x = new double[locations];
        double[] y = new double[locations];
        for (int l = 0; l < locations; l++) {
            x[l] = random.nextInt(12);
            y[l] = random.nextInt(12); // coincident points too
        }
        NeighbourList spatial = NeighbourList.withinDistance(x, y, 2.0);
        java.util.List<int[]> lists = new java.util.ArrayList<>();
        for (int l = 0; l < locations; l++) {
            int[] near = spatial.neighbours(l);
            for (int s = 0; s < steps; s++) {
                java.util.List<Integer> nb = new java.util.ArrayList<>();
                for (int j : near) {
                    nb.add(j * steps + s);
                }
                if (s > 0) {
                    nb.add(l * steps + s - 1);
                    for (int j : near) {
                        nb.add(j * steps + s - 1);
                    }
                }
                java.util.Collections.shuffle(nb, new java.util.Random(l * 31L + s));
                lists.add(nb.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        NeighbourList expected = NeighbourList.of(lists);
        NeighbourList actual = NeighbourList.spaceTime(spatial, steps);
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.linkCount()).isEqualTo(expected.linkCount());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.neighbours(i)).as("bin %d", i).isEqualTo(expected.neighbours(i));
        }
    }
}
