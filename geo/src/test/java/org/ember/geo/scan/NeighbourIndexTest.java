package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bucketed neighbour search gives the very index of measuring every pair: same neighbours, same
 * order (ties included), same distances, on grids of cells (many equal distances, points exactly at
 * the radius), scattered points and latitude/longitude.
 */
class NeighbourIndexTest {

    private static void same(List<ScanLocation> locations, CoordinateSystem coordinates, double radius) {
        NeighbourIndex bucketed = new NeighbourIndex(locations, coordinates, radius);
        NeighbourIndex reference = new NeighbourIndex(locations, coordinates, radius, true);
        assertThat(bucketed.size()).isEqualTo(reference.size());
        for (int c = 0; c < locations.size(); c++) {
            assertThat(bucketed.order(c)).as("order of %d", c).isEqualTo(reference.order(c))
                    .isEqualTo(satScanOrder(locations, coordinates, radius, c));
            assertThat(bucketed.distances(c)).as("distances of %d", c).isEqualTo(reference.distances(c));
        }
    }

    /** The order as first written: every location, boxed, sorted by distance, then coordinates, then index. */
    private static int[] satScanOrder(List<ScanLocation> locations, CoordinateSystem coordinates, double radius, int c) {
        double[] centre = coordinates.toCartesian(locations.get(c));
        List<Integer> in = new ArrayList<>();
        for (int j = 0; j < locations.size(); j++) {
            if (CoordinateSystem.euclidean(centre, coordinates.toCartesian(locations.get(j))) <= radius) {
                in.add(j);
            }
        }
        in.sort(Comparator.<Integer>comparingDouble(
                        j -> CoordinateSystem.euclidean(centre, coordinates.toCartesian(locations.get(j))))
                .thenComparing((a, b) -> Arrays.compare(coordinates.toCartesian(locations.get(a)),
                        coordinates.toCartesian(locations.get(b))))
                .thenComparingInt(j -> j));
        return in.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2025})
    void cellsOfAGridWithGapsAndPointsOnTheRadius(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScanLocation> cells = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                if (random.nextInt(3) == 0) {
                    // 250 m cells in km of the British National Grid: 1 km is exactly four cells away.
                    cells.add(new ScanLocation("c" + i + "_" + j, 318.125 + 0.25 * i, 176.125 + 0.25 * j));
                }
            }
        }
        same(cells, CoordinateSystem.CARTESIAN, 1.0);
        same(cells, CoordinateSystem.CARTESIAN, 0.5);
        same(cells, CoordinateSystem.CARTESIAN, 0.25);
        cells.add(new ScanLocation("lsoa", cells.get(0).x(), cells.get(0).y())); // a second location on the same spot
        same(cells, CoordinateSystem.CARTESIAN, 1.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 99})
    void scatteredPointsAndLatitudeLongitude(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScanLocation> points = new ArrayList<>();
        List<ScanLocation> lsoas = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            points.add(new ScanLocation("p" + i, -50 + 100 * random.nextDouble(), 20 * random.nextDouble()));
            lsoas.add(new ScanLocation("l" + i, 51.4 + 0.2 * random.nextDouble(), -3.4 + 0.3 * random.nextDouble()));
        }
        same(points, CoordinateSystem.CARTESIAN, 3.5);
        same(points, CoordinateSystem.CARTESIAN, 1e9); // one bucket: every pair
        same(points, CoordinateSystem.CARTESIAN, Double.POSITIVE_INFINITY);
        same(lsoas, CoordinateSystem.LAT_LON, 2.0);
        same(lsoas, CoordinateSystem.LAT_LON, 0.001); // too fine for buckets: every pair
        same(List.of(), CoordinateSystem.CARTESIAN, 1.0);
    }
}
