package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scan on 250 m cells of real police.uk points (Cardiff, 2025), where equal distances are
 * everywhere: Ember's scanner against a brute-force enumeration of SaTScan's window definition, and
 * the incremental scanner against batch runs on 30 consecutive days.
 */
class GriddedScanTest {
    private static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    private static final LocalDate LAST = LocalDate.of(2025, 3, 31);
    private static List<PoliceGrid.Point> points;
    private static ExecutorService executor;

    @BeforeAll
    static void read() throws IOException {
        points = PoliceGrid.read("Cardiff", YearMonth.of(2025, 1), YearMonth.of(2025, 6));
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @Test
    void spaceTimePermutationEqualsTheBruteForceDefinitionWithTies() {
        List<ScanCase> cases = PoliceGrid.violence(points, FIRST, LAST);
        List<ScanLocation> cells = PoliceGrid.cells(points, cases);
        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE, FIRST, LAST,
                1.0, 0.5, 7, 0, 1L, 2);
        ScanResult result = new KulldorffScan(cells, CoordinateSystem.CARTESIAN, p).run(cases, null);

        Grid g = grid(cells, cases, p.days());
        double[] weight = new double[cells.size()];
        for (int z = 0; z < weight.length; z++) {
            weight[z] = (double) g.locationTotal[z] / g.total;
        }
        int[] start = new int[7];
        int[] end = new int[7];
        double[] mass = new double[7];
        for (int len = 1; len <= 7; len++) {
            start[len - 1] = p.days() - len;
            end[len - 1] = p.days() - 1;
            for (int d = start[len - 1]; d < p.days(); d++) {
                mass[len - 1] += g.dayTotal[d];
            }
        }
        List<BruteForceScan.Cluster> reference = BruteForceScan.scan(cells, g.counts, weight, start, end, mass,
                g.total, 1.0, 0.5, 2, all(cells.size()));
        assertSame(result.clusters(), reference, start, FIRST);
        assertThat(result.clusters()).as("some cluster stops inside a ring of equal distances")
                .anyMatch(c -> hasPartialRing(c, cells));
    }

    @Test
    void poissonSpaceTimeAndPurelySpatialEqualTheBruteForceDefinitionWithTies() {
        List<ScanCase> cases = PoliceGrid.violence(points, FIRST, LAST);
        List<ScanLocation> cells = PoliceGrid.cells(points, cases);
        Map<String, Double> population = PoliceGrid.population(points, cells);
        Grid g = grid(cells, cases, 31);
        double popTotal = population.values().stream().mapToDouble(Double::doubleValue).sum();
        double[] weight = new double[cells.size()];
        for (int z = 0; z < weight.length; z++) {
            weight[z] = population.get(cells.get(z).id()) / popTotal;
        }

        ScanParameters spatial = new ScanParameters(ScanModel.POISSON, ScanAnalysis.PURELY_SPATIAL, FIRST, LAST,
                1.0, 0.5, 1, 0, 1L, 2);
        ScanResult s = new KulldorffScan(cells, CoordinateSystem.CARTESIAN, spatial).run(cases, population);
        int[][] summed = new int[cells.size()][1];
        for (int z = 0; z < summed.length; z++) {
            summed[z][0] = (int) g.locationTotal[z];
        }
        assertSame(s.clusters(), BruteForceScan.scan(cells, summed, weight, new int[] {0}, new int[] {0},
                new double[] {g.total}, g.total, 1.0, 0.5, 2, all(cells.size())), new int[] {0}, null);

        ScanParameters spaceTime = new ScanParameters(ScanModel.POISSON, ScanAnalysis.PROSPECTIVE, FIRST, LAST,
                1.0, 0.5, 7, 0, 1L, 2);
        ScanResult st = new KulldorffScan(cells, CoordinateSystem.CARTESIAN, spaceTime).run(cases, population);
        int[] start = new int[7];
        int[] end = new int[7];
        double[] mass = new double[7];
        for (int len = 1; len <= 7; len++) {
            start[len - 1] = 31 - len;
            end[len - 1] = 30;
            mass[len - 1] = (double) g.total * len / 31;
        }
        assertSame(st.clusters(), BruteForceScan.scan(cells, g.counts, weight, start, end, mass, g.total, 1.0, 0.5, 2,
                all(cells.size())), start, FIRST);
    }

    @Test
    void incrementalEqualsBatchOnThirtyConsecutiveDaysWhateverTheLocationList() {
        // Every cell of any record in six months, shuffled: most have no violence in a given 28 days.
        List<ScanLocation> everyCell = new ArrayList<>(PoliceGrid.cells(points,
                PoliceGrid.violence(points, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30))));
        Collections.shuffle(everyCell, new Random(3));
        int studyDays = 28;
        IncrementalProspectiveScan incremental =
                new IncrementalProspectiveScan(everyCell, CoordinateSystem.CARTESIAN, 1.0, 0.5, studyDays, 7, 2);
        ScanInference inference = new ScanInference(99, 0, true, executor, 2);
        LocalDate firstScan = LocalDate.of(2025, 4, 1);
        int compared = 0;
        for (LocalDate day = firstScan.minusDays(studyDays - 1); day.isBefore(firstScan.plusDays(30));
                day = day.plusDays(1)) {
            Map<String, Integer> counts = new HashMap<>();
            for (ScanCase c : PoliceGrid.violence(points, day, day)) {
                counts.merge(c.location(), (int) c.count(), Integer::sum);
            }
            incremental.addDay(day, counts);
            if (day.isBefore(firstScan)) {
                continue;
            }
            long seed = day.toEpochDay();
            ScanResult fromStream = incremental.scan(inference, seed);
            LocalDate from = day.minusDays(studyDays - 1);
            List<ScanCase> window = PoliceGrid.violence(points, from, day);
            List<ScanLocation> withCases = PoliceGrid.cells(points, window);
            ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE, from,
                    day, 1.0, 0.5, 7, 99, seed, 2);
            ScanResult batch = new KulldorffScan(withCases, CoordinateSystem.CARTESIAN, p).run(window, null,
                    ScanInference.sequential(99));
            assertThat(fromStream.clusters()).as("day %s", day).isNotEmpty().isEqualTo(batch.clusters());
            assertThat(fromStream.replicateMaxima()).containsExactly(batch.replicateMaxima());
            for (ScanCluster c : fromStream.clusters()) {
                assertThat(c.locations()).allSatisfy(id -> assertThat(withCases.stream().anyMatch(
                        l -> l.id().equals(id))).isTrue());
            }
            compared++;
        }
        assertThat(compared).isEqualTo(30);
    }

    private record Grid(int[][] counts, long[] locationTotal, long[] dayTotal, long total) {}

    private static Grid grid(List<ScanLocation> cells, List<ScanCase> cases, int days) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            index.put(cells.get(i).id(), i);
        }
        int[][] counts = new int[cells.size()][days];
        long[] locationTotal = new long[cells.size()];
        long[] dayTotal = new long[days];
        long total = 0;
        for (ScanCase c : cases) {
            int z = index.get(c.location());
            int d = (int) ChronoUnit.DAYS.between(FIRST, c.date());
            counts[z][d] += (int) c.count();
            locationTotal[z] += c.count();
            dayTotal[d] += c.count();
            total += c.count();
        }
        return new Grid(counts, locationTotal, dayTotal, total);
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** Whether the cluster stops inside a ring: some non-member is exactly as far from the centre as the farthest member. */
    private static boolean hasPartialRing(ScanCluster c, List<ScanLocation> cells) {
        ScanLocation centre = cells.stream().filter(l -> l.id().equals(c.centre())).findFirst().orElseThrow();
        return cells.stream().filter(l -> !c.locations().contains(l.id()))
                .anyMatch(l -> Math.hypot(l.x() - centre.x(), l.y() - centre.y()) == c.radius());
    }

    private static void assertSame(List<ScanCluster> ours, List<BruteForceScan.Cluster> reference, int[] start,
            LocalDate first) {
        assertThat(ours).hasSize(reference.size());
        for (int i = 0; i < ours.size(); i++) {
            ScanCluster o = ours.get(i);
            BruteForceScan.Cluster r = reference.get(i);
            assertThat(o.centre()).as("cluster %d", i + 1).isEqualTo(r.centre());
            assertThat(o.locations()).as("cluster %d", i + 1).isEqualTo(r.locations());
            assertThat(o.observed()).isEqualTo(r.observed());
            assertThat(o.expected()).isCloseTo(r.expected(), within(1e-9));
            assertThat(o.llr()).isCloseTo(r.llr(), within(1e-9));
            if (first != null) {
                assertThat(o.start()).isEqualTo(first.plusDays(start[r.window()]));
            }
        }
    }
}
