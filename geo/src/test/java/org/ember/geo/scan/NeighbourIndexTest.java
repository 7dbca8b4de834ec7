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

    /**
     * An index derived for another location list ({@link NeighbourIndex#forLocations}) is the fresh
     * index of that list: nights that drop cells, add cells (some on a point already listed, one id
     * moved to another point), in shuffled order so that ties between points on the same spot are
     * broken by new positions, each derived from the one before.
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 11, 2026})
    void anIndexDerivedForOtherLocationsIsTheFreshIndexOfThem(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScanLocation> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30; j++) {
                all.add(new ScanLocation("c" + i + "_" + j, 318.125 + 0.25 * i, 176.125 + 0.25 * j));
            }
        }
        for (int k = 0; k < 60; k++) { // LSOA centroids on a cell's spot: ties by position in the list
            ScanLocation on = all.get(random.nextInt(900));
            all.add(new ScanLocation("lsoa" + k, on.x(), on.y()));
        }
        List<ScanLocation> current = pick(all, random, 0.4);
        NeighbourIndex index = new NeighbourIndex(current, CoordinateSystem.CARTESIAN, 1.0);
        int derivedLists = 0;
        for (int night = 0; night < 8; night++) {
            List<ScanLocation> next = new ArrayList<>();
            for (ScanLocation l : current) {
                if (random.nextInt(10) != 0) {
                    next.add(l);
                }
            }
            for (ScanLocation l : pick(all, random, 0.08)) {
                if (next.stream().noneMatch(m -> m.id().equals(l.id()))) {
                    next.add(l);
                }
            }
            if (night == 3 && !next.isEmpty()) { // an id seen before, now at another point
                ScanLocation moved = next.remove(0);
                next.add(new ScanLocation(moved.id(), moved.x() + 0.25, moved.y()));
            }
            java.util.Collections.shuffle(next, new java.util.Random(random.nextLong()));
            NeighbourIndex derived = index.forLocations(next);
            NeighbourIndex fresh = new NeighbourIndex(next, CoordinateSystem.CARTESIAN, 1.0);
            assertThat(derived.size()).isEqualTo(next.size());
            for (int c = 0; c < next.size(); c++) {
                assertThat(derived.order(c)).as("night %d, order of %s", night, next.get(c).id())
                        .isEqualTo(fresh.order(c));
                assertThat(derived.distances(c)).isEqualTo(fresh.distances(c));
                derivedLists += derived.order(c).length;
            }
            index = derived;
            current = next;
        }
        assertThat(derivedLists).isGreaterThan(8 * 200);
        assertThat(index.forLocations(List.of()).size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 13})
    void aDerivedIndexOfLatitudesAndLongitudesIsTheFreshOne(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ScanLocation> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(new ScanLocation("l" + i, 51.4 + 0.2 * random.nextDouble(), -3.4 + 0.3 * random.nextDouble()));
        }
        List<ScanLocation> before = pick(all, random, 0.5);
        List<ScanLocation> after = pick(all, random, 0.5);
        NeighbourIndex derived = new NeighbourIndex(before, CoordinateSystem.LAT_LON, 1.5).forLocations(after);
        NeighbourIndex fresh = new NeighbourIndex(after, CoordinateSystem.LAT_LON, 1.5);
        for (int c = 0; c < after.size(); c++) {
            assertThat(derived.order(c)).isEqualTo(fresh.order(c));
            assertThat(derived.distances(c)).isEqualTo(fresh.distances(c));
        }
    }

    private static List<ScanLocation> pick(List<ScanLocation> all, SplittableRandom random, double share) {
        List<ScanLocation> out = new ArrayList<>();
        for (ScanLocation l : all) {
            if (random.nextDouble() < share) {
                out.add(l);
            }
        }
        return out;
    }
}
