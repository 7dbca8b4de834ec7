package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplicateMaximum} against the scanner's own walk ({@link CylinderScanner#scanCased}) on
 * random studies: the replicate maxima must be the very same doubles, with locations on the same
 * point (ties in the neighbour order), locations without a case, few and many cases, both readings
 * of empty locations, small and large circles.
 */
class ReplicateMaximumTest {

    @Test
    void replicateMaximaAreTheScannersToTheBit() {
        int compared = 0;
        int positive = 0;
        for (int seed = 1; seed <= 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Study study = Study.random(random, seed % 2 == 0);
            ReplicateMaximum fast = study.scanner.replicates(study.weight, study.maxFraction);
            assertThat(fast).isNotNull();
            ReplicateMaximum.Worker worker = fast.worker();
            for (int r = 0; r < 40; r++) {
                int[] cased = study.deal(random);
                double expected = study.scanner.scanCased(study.sim, study.weight, study.maxFraction, cased,
                        cased.length);
                double actual = worker.maximum(study.sim, cased, cased.length);
                assertThat(Double.doubleToLongBits(actual)).as("seed %d replicate %d: %s vs %s", seed, r, actual,
                        expected).isEqualTo(Double.doubleToLongBits(expected));
                study.clear(cased);
                compared++;
                positive += expected > 0 ? 1 : 0;
            }
        }
        assertThat(compared).isEqualTo(2400);
        assertThat(positive).isGreaterThan(1500); // mostly replicates with clusters to find, not empty ones
    }

    @Test
    void onlyProspectiveWindowsTakeTheShortCut() {
        List<ScanLocation> locations = List.of(new ScanLocation("a", 0, 0), new ScanLocation("b", 1, 0));
        NeighbourIndex index = new NeighbourIndex(locations, CoordinateSystem.CARTESIAN, 5);
        CylinderScanner retrospective = new CylinderScanner(index, 3, new int[] {0, 1, 0}, new int[] {0, 1, 1},
                new double[] {1, 1, 2}, 4, 1, true);
        assertThat(retrospective.replicates(new double[] {0.5, 0.5}, 0.5)).isNull();
    }

    /** A random study period: its scanner, weights, and the cases a replicate deals out. */
    private static final class Study {
        CylinderScanner scanner;
        double[] weight;
        double maxFraction;
        int[][] sim;
        int[] caseLocation;
        int[] axisCaseDays;

        static Study random(SplittableRandom random, boolean skipEmpty) {
            Study s = new Study();
            int n = 3 + random.nextInt(60);
            int studyDays = 7 + random.nextInt(30);
            int axisDays = 1 + random.nextInt(Math.min(7, studyDays));
            List<ScanLocation> locations = new ArrayList<>();
            for (int z = 0; z < n; z++) {
                if (z > 0 && random.nextInt(6) == 0) {
                    ScanLocation twin = locations.get(random.nextInt(z)); // the same point: ties in every order
                    locations.add(new ScanLocation("L" + z, twin.x(), twin.y()));
                } else {
                    locations.add(new ScanLocation("L" + z, random.nextInt(40) / 4.0, random.nextInt(40) / 4.0));
                }
            }
            double radius = 1 + random.nextDouble() * 8;
            NeighbourIndex index = new NeighbourIndex(locations, CoordinateSystem.CARTESIAN, radius);
            // Counts: most locations sparse, some empty all period, a hot few.
            double busy = 0.05 + random.nextDouble() * 0.6;
            int[][] full = new int[n][studyDays];
            long total = 0;
            for (int z = 0; z < n; z++) {
                boolean empty = random.nextInt(5) == 0;
                double rate = empty ? 0 : random.nextInt(8) == 0 ? busy * 6 : busy;
                for (int d = 0; d < studyDays; d++) {
                    int c = 0;
                    while (random.nextDouble() < rate / (1 + rate) && c < 20) {
                        c++;
                    }
                    full[z][d] = c;
                    total += c;
                }
            }
            if (total == 0) {
                full[0][studyDays - 1] = 3;
                total = 3;
            }
            s.weight = new double[n];
            for (int z = 0; z < n; z++) {
                long t = 0;
                for (int v : full[z]) {
                    t += v;
                }
                s.weight[z] = (double) t / total;
            }
            int[] start = new int[axisDays];
            int[] end = new int[axisDays];
            double[] mass = new double[axisDays];
            long suffix = 0;
            for (int len = 1; len <= axisDays; len++) {
                start[len - 1] = axisDays - len;
                end[len - 1] = axisDays - 1;
                for (int z = 0; z < n; z++) {
                    suffix += full[z][studyDays - len];
                }
                mass[len - 1] = suffix;
            }
            int minCases = 1 + random.nextInt(4);
            s.maxFraction = random.nextInt(4) == 0 ? 0.1 + random.nextDouble() * 0.2 : 0.5;
            s.scanner = new CylinderScanner(index, axisDays, start, end, mass, total, minCases, skipEmpty);
            s.caseLocation = new int[(int) total];
            int i = 0;
            for (int z = 0; z < n; z++) {
                for (int d = 0; d < studyDays; d++) {
                    for (int k = 0; k < full[z][d]; k++) {
                        s.caseLocation[i++] = z;
                    }
                }
            }
            s.axisCaseDays = new int[(int) suffix];
            int k = 0;
            for (int a = 0; a < axisDays; a++) {
                for (int z = 0; z < n; z++) {
                    for (int c = 0; c < full[z][studyDays - axisDays + a]; c++) {
                        s.axisCaseDays[k++] = a;
                    }
                }
            }
            s.sim = new int[n][axisDays];
            return s;
        }

        /** A random permutation of the axis dates among the cases, as a replicate deals them; the cased locations. */
        int[] deal(SplittableRandom random) {
            int[] pool = caseLocation.clone();
            int[] cased = new int[axisCaseDays.length];
            for (int k = 0; k < axisCaseDays.length; k++) {
                int j = k + random.nextInt(pool.length - k);
                int tmp = pool[k];
                pool[k] = pool[j];
                pool[j] = tmp;
                sim[pool[k]][axisCaseDays[k]]++;
                cased[k] = pool[k];
            }
            return cased;
        }

        void clear(int[] cased) {
            for (int z : cased) {
                java.util.Arrays.fill(sim[z], 0);
            }
        }
    }
}
