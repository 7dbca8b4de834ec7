package org.ember.geo.emerging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.fixtures.ReferenceTable;
import org.junit.jupiter.api.Test;

class EmergingHotSpotsTest {
    private static final ReferenceTable CUBE = ReferenceTable.load("cardiff_violence_cube_monthly.csv");
    private static final int STEPS = 12;

    @Test
    void spaceTimeGiStarMatchesSpdepLocalGWithTheSameNeighbourhood() {
        // make_emerging_reference.R builds the space-time neighbour list (locations within 1500 m at
        // the same and the previous month, plus self) and runs spdep::localG on the real counts.
        int locations = CUBE.size() / STEPS;
        List<String> ids = new ArrayList<>();
        double[] x = new double[locations];
        double[] y = new double[locations];
        double[][] values = new double[locations][STEPS];
        for (int r = 0; r < CUBE.size(); r++) {
            int l = r / STEPS;
            int s = (int) CUBE.number(r, "step");
            assertThat(s).isEqualTo(r % STEPS);
            if (s == 0) {
                ids.add(CUBE.text(r, "location"));
                x[l] = CUBE.number(r, "x");
                y[l] = CUBE.number(r, "y");
            }
            values[l][s] = CUBE.number(r, "value");
        }
        double[][] z = EmergingHotSpots.spaceTimeGiStar(SpaceTimeCube.of(ids, x, y, values), 1500);
        for (int r = 0; r < CUBE.size(); r++) {
            assertThat(z[r / STEPS][r % STEPS]).as("bin %d", r).isCloseTo(CUBE.number(r, "z_star"), within(1e-9));
        }
    }

    @Test
    void plantedPatternsGetTheirCategories() {
        // A 12 × 12 grid of 100 m cells over 10 steps, background counts 10 ± 1.
        SplittableRandom random = new SplittableRandom(99);
        int side = 12;
        int steps = 10;
        Map<String, double[]> series = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        double[] x = new double[side * side];
        double[] y = new double[side * side];
        double[][] values = new double[side * side][steps];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                int l = i * side + j;
                ids.add(i + "_" + j);
                x[l] = i * 100;
                y[l] = j * 100;
                for (int s = 0; s < steps; s++) {
                    values[l][s] = 10 + random.nextInt(3) - 1;
                    if (Math.abs(i - 2) <= 1 && Math.abs(j - 2) <= 1) {
                        values[l][s] += 12; // persistent block
                    }
                    if (Math.abs(i - 9) <= 1 && Math.abs(j - 9) <= 1 && s == steps - 1) {
                        values[l][s] += 30; // appears only in the last step
                    }
                    if (Math.abs(i - 2) <= 1 && Math.abs(j - 9) <= 1) {
                        values[l][s] += 8 + 3 * s; // hot throughout and rising
                    }
                }
                series.put(ids.get(l), values[l]);
            }
        }
        List<LocationTrend> result = EmergingHotSpots.analyse(SpaceTimeCube.of(ids, x, y, values), 150,
                EmergingHotSpots.DEFAULT_ALPHA);
        Map<String, LocationTrend> byId = new LinkedHashMap<>();
        result.forEach(t -> byId.put(t.location(), t));
        assertThat(byId.get("2_2").category()).isEqualTo(HotSpotCategory.PERSISTENT_HOT_SPOT);
        assertThat(byId.get("9_9").category()).isEqualTo(HotSpotCategory.NEW_HOT_SPOT);
        assertThat(byId.get("2_9").category()).isEqualTo(HotSpotCategory.INTENSIFYING_HOT_SPOT);
        assertThat(byId.get("2_9").trendTau()).isPositive();
        assertThat(byId.get("2_2").hotSteps()).isEqualTo(steps);
        assertThat(byId.get("9_9").hotSteps()).isEqualTo(1);
        assertThat(series).hasSize(side * side);
    }

    /**
     * {@link EmergingHotSpots#categories} gives {@link EmergingHotSpots#analyse}'s categories: random
     * cubes of cells (sparse and busy, empty locations, coincident points, a constant cube whose z is
     * undefined, few steps), the space-time neighbourhoods built in order, significance and trends
     * decided by the critical value.
     */
    @Test
    void categoriesAreThoseOfTheFullAnalysis() {
        Map<HotSpotCategory, Integer> seen = new java.util.EnumMap<>(HotSpotCategory.class);
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int locations = 3 + random.nextInt(80);
            int steps = 1 + random.nextInt(30);
            List<String> ids = new ArrayList<>();
            double[] x = new double[locations];
            double[] y = new double[locations];
            double[][] values = new double[locations][steps];
            double rate = 0.05 + random.nextDouble() * 2;
            boolean constant = seed % 10 == 0;
            for (int l = 0; l < locations; l++) {
                ids.add("c" + l);
                if (l > 0 && random.nextInt(8) == 0) {
                    x[l] = x[l - 1];
                    y[l] = y[l - 1];
                } else {
                    x[l] = 250 * random.nextInt(20) + 125;
                    y[l] = 250 * random.nextInt(20) + 125;
                }
                boolean empty = random.nextInt(6) == 0;
                double trend = random.nextInt(4) == 0 ? random.nextDouble() * 0.2 : 0;
                for (int s = 0; s < steps; s++) {
                    int c = 0;
                    double r = rate * (1 + trend * s);
                    while (!empty && random.nextDouble() < r / (1 + r) && c < 30) {
                        c++;
                    }
                    values[l][s] = constant ? 1 : c;
                }
            }
            if (locations * steps < 3) {
                continue;
            }
            SpaceTimeCube cube = SpaceTimeCube.of(ids, x, y, values);
            double distance = 250 * (1 + random.nextInt(3));
            HotSpotCategory[] fast = EmergingHotSpots.categories(cube, distance, EmergingHotSpots.DEFAULT_ALPHA);
            List<LocationTrend> full = EmergingHotSpots.analyse(cube, distance, EmergingHotSpots.DEFAULT_ALPHA);
            for (int l = 0; l < locations; l++) {
                assertThat(fast[l]).as("seed %d location %d", seed, l).isEqualTo(full.get(l).category());
                seen.merge(fast[l], 1, Integer::sum);
            }
        }
        assertThat(seen.size()).as("%s", seen).isGreaterThanOrEqualTo(4); // several categories, not only "no pattern"
    }
}
