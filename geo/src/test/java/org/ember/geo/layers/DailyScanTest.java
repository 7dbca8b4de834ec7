package org.ember.geo.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.IncrementalProspectiveScan;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanInference;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.scan.ScanResult;
import org.junit.jupiter.api.Test;

class DailyScanTest {
    private static final LocalDate LAST = LocalDate.of(2025, 3, 15);

    @Test
    void casesPlantedInTwoNeighbouringAreasOnTheLastDaysAreAClusterWithALongRecurrenceInterval() {
        List<ScanLocation> locations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                locations.add(new ScanLocation("L" + i + j, 51.47 + 0.005 * i, -3.20 + 0.008 * j));
            }
        }
        Random random = new Random(3);
        Map<LocalDate, Map<String, Integer>> counts = new HashMap<>();
        for (int back = 0; back < 28; back++) {
            Map<String, Integer> day = new HashMap<>();
            for (ScanLocation l : locations) {
                if (random.nextDouble() < 0.3) {
                    day.put(l.id(), 1);
                }
            }
            counts.put(LAST.minusDays(back), day);
        }
        counts.get(LAST).merge("L22", 6, Integer::sum);
        counts.get(LAST).merge("L23", 4, Integer::sum);
        counts.get(LAST.minusDays(1)).merge("L22", 3, Integer::sum);
        counts.put(LAST.minusDays(40), Map.of("L00", 50)); // outside the study period: ignored
        counts.get(LAST).put("NOT-A-LOCATION", 9);

        List<ScanCluster> clusters = new DailyScan(ScanSettings.defaults().withReplications(199)).run(locations, LAST, counts, 1);

        assertThat(clusters).isNotEmpty();
        ScanCluster top = clusters.get(0);
        assertThat(top.locations()).contains("L22");
        assertThat(top.end()).isEqualTo(LAST);
        assertThat(top.recurrenceDays()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aScannerKeptAcrossDaysWithLateRecordsGivesWhatAFreshOneGives() {
        List<ScanLocation> locations = grid();
        Map<LocalDate, Map<String, Integer>> counts = randomCounts(locations, 35, 7);
        counts.get(LAST).merge("L22", 6, Integer::sum);
        counts.get(LAST.minusDays(1)).merge("L23", 4, Integer::sum);
        ScanSettings settings = ScanSettings.defaults().withReplications(99);
        DailyScan kept = new DailyScan(settings);
        for (LocalDate day = LAST.minusDays(4); !day.isAfter(LAST); day = day.plusDays(1)) {
            // A late report lands on a day already scanned: the kept scanner must revise it.
            counts.get(day.minusDays(2)).merge("L11", 2, Integer::sum);
            List<ScanCluster> fresh = new DailyScan(settings).run(locations, day, counts, day.toEpochDay());
            assertThat(kept.run(locations, day, counts, day.toEpochDay())).isEqualTo(fresh);
        }
        assertThat(kept.run(locations, LAST, counts, 1)).isNotEmpty();
    }

    @Test
    void replicationsRunOnTheExecutorGivenNeverOnTheCommonPool() throws Exception {
        List<ScanLocation> locations = grid();
        Map<LocalDate, Map<String, Integer>> counts = randomCounts(locations, 28, 3);
        counts.get(LAST).merge("L22", 6, Integer::sum);
        ScanSettings settings = ScanSettings.defaults().withReplications(199);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "own-scan-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.Executor recording = task -> pool.execute(() -> {
                threads.add(Thread.currentThread().getName());
                task.run();
            });
            List<ScanCluster> parallel = new DailyScan(settings, recording, 2).run(locations, LAST, counts, 5);
            assertThat(parallel).isEqualTo(new DailyScan(settings).run(locations, LAST, counts, 5));
            assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("own-scan-"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ScanLocation> grid() {
        List<ScanLocation> locations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                locations.add(new ScanLocation("L" + i + j, 51.47 + 0.005 * i, -3.20 + 0.008 * j));
            }
        }
        return locations;
    }

    private static Map<LocalDate, Map<String, Integer>> randomCounts(List<ScanLocation> locations, int days, long seed) {
        Random random = new Random(seed);
        Map<LocalDate, Map<String, Integer>> counts = new HashMap<>();
        for (int back = 0; back < days; back++) {
            Map<String, Integer> day = new HashMap<>();
            for (ScanLocation l : locations) {
                if (random.nextDouble() < 0.3) {
                    day.put(l.id(), 1);
                }
            }
            counts.put(LAST.minusDays(back), day);
        }
        return counts;
    }

    @Test
    void stoppingEarlyPublishesExactlyWhatAllReplicationsPublish() {
        List<ScanLocation> locations = grid();
        ScanSettings settings = ScanSettings.defaults().withReplications(199);
        int published = 0;
        int quiet = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Map<LocalDate, Map<String, Integer>> counts = randomCounts(locations, 40, seed);
            if (seed % 2 == 0) {
                counts.get(LAST.minusDays(1)).merge("L22", 4, Integer::sum);
                counts.get(LAST).merge("L23", (int) seed, Integer::sum);
            }
            DailyScan daily = new DailyScan(settings);
            for (LocalDate day = LAST.minusDays(5); !day.isAfter(LAST); day = day.plusDays(1)) {
                long scanSeed = seed * 1000 + day.toEpochDay();
                List<ScanCluster> early = daily.run(locations, day, counts, scanSeed);
                ScanResult all = fill(locations, settings, day, counts).scan(ScanInference.sequential(199), scanSeed);
                List<ScanCluster> expected = all.clusters().stream()
                        .filter(c -> c.recurrenceDays() >= settings.minRecurrenceDays()).toList();
                assertThat(early).as("seed %d, %s", seed, day).isEqualTo(expected);
                published += early.size();
                ScanResult stopped = fill(locations, settings, day, counts).scan(
                        ScanInference.sequential(199).withEarlyStop(DailyScan.decisiveExceedances(settings)), scanSeed);
                if (expected.isEmpty() && stopped.replicateMaxima().length < 100) {
                    quiet++;
                }
            }
        }
        assertThat(published).as("some days publish a cluster").isGreaterThan(0);
        assertThat(quiet).as("quiet days stop after a few replications").isGreaterThan(10);
    }

    /**
     * Replicates that stop once they reach the most likely cluster ({@link ScanInference#cutExceedances})
     * leave every cluster's exceedance count, p-value and recurrence interval as computing them in
     * full does, and a run that does not stop early the very same result (its cut replicates computed
     * again); only the maxima above the most likely cluster and the Gumbel fit over them differ, of a
     * run that stops early. In the calling thread and on a pool, quiet and planted days.
     */
    @Test
    void replicatesCutAtTheMostLikelyClusterCountTheSameExceedances() throws Exception {
        List<ScanLocation> locations = grid();
        ScanSettings settings = ScanSettings.defaults().withReplications(199);
        int stop = DailyScan.decisiveExceedances(settings);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        int cut = 0;
        int inFull = 0;
        try {
            for (long seed = 1; seed <= 8; seed++) {
                Map<LocalDate, Map<String, Integer>> counts = randomCounts(locations, 40, seed);
                if (seed % 2 == 0) {
                    counts.get(LAST.minusDays(1)).merge("L22", 4, Integer::sum);
                    counts.get(LAST).merge("L23", (int) seed, Integer::sum);
                }
                for (LocalDate day = LAST.minusDays(4); !day.isAfter(LAST); day = day.plusDays(1)) {
                    long scanSeed = seed * 1000 + day.toEpochDay();
                    ScanInference exact = ScanInference.sequential(199).withEarlyStop(stop);
                    if (seed % 4 == 3) {
                        exact = exact.on(pool, 2);
                    }
                    ScanResult full = fill(locations, settings, day, counts).scan(exact, scanSeed);
                    ScanResult fast = fill(locations, settings, day, counts).scan(exact.cuttingExceedances(), scanSeed);
                    double[] a = full.replicateMaxima();
                    double[] b = fast.replicateMaxima();
                    assertThat(b).hasSameSizeAs(a);
                    if (a.length == 199) {
                        assertThat(fast.clusters()).as("seed %d, %s", seed, day).isEqualTo(full.clusters());
                        assertThat(b).containsExactly(a);
                        inFull += full.clusters().isEmpty() || Arrays.stream(a).noneMatch(m -> m >= full.clusters().get(0).llr()) ? 0 : 1;
                        continue;
                    }
                    assertThat(withoutGumbel(fast.clusters())).as("seed %d, %s", seed, day)
                            .isEqualTo(withoutGumbel(full.clusters()));
                    // The most likely cluster's LLR, the maximum of the observed data (0 when none).
                    double observed = full.clusters().isEmpty() ? 0 : full.clusters().get(0).llr();
                    for (int r = 0; r < a.length; r++) {
                        assertThat(b[r] >= observed).isEqualTo(a[r] >= observed);
                        if (a[r] < observed) {
                            assertThat(b[r]).isEqualTo(a[r]);
                        } else {
                            assertThat(b[r]).isBetween(observed, a[r]);
                            cut += b[r] < a[r] ? 1 : 0;
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cut).as("replicates cut short").isGreaterThan(20);
        assertThat(inFull).as("full runs with replicates computed again").isGreaterThan(0);
    }

    private static List<ScanCluster> withoutGumbel(List<ScanCluster> clusters) {
        return clusters.stream().map(c -> new ScanCluster(c.rank(), c.centre(), c.radius(), c.locations(), c.start(),
                c.end(), c.observed(), c.expected(), c.llr(), c.pValue(), c.recurrenceDays())).toList();
    }

    @Test
    void earlyStopIsDecisiveForTheMinimumRecurrenceInterval() {
        ScanSettings defaults = ScanSettings.defaults();
        assertThat(DailyScan.decisiveExceedances(defaults.withReplications(199))).isEqualTo(10); // 200/11 < 20
        assertThat(DailyScan.decisiveExceedances(defaults.withReplications(999))).isEqualTo(50); // 1000/51 < 20
        assertThat(DailyScan.decisiveExceedances(defaults.withReplications(0))).isZero();
        assertThat(DailyScan.decisiveExceedances(defaults.withReplications(10))).isEqualTo(1); // RI ≤ 11 < 20 even then: one settles it
        ScanSettings hundred = new ScanSettings(28, 7, 1.5, 0.5, 3, 999, 100);
        assertThat(DailyScan.decisiveExceedances(hundred)).isEqualTo(10); // 1000/11 < 100, 1000/10 is not
    }

    @Test
    void aSkippedDayRefillsTheKeptScanner() {
        List<ScanLocation> locations = grid();
        Map<LocalDate, Map<String, Integer>> counts = randomCounts(locations, 35, 11);
        counts.get(LAST).merge("L22", 7, Integer::sum);
        ScanSettings settings = ScanSettings.defaults().withReplications(99);
        DailyScan kept = new DailyScan(settings);
        kept.run(locations, LAST.minusDays(3), counts, 1);
        assertThat(kept.run(locations, LAST, counts, 2)).isNotEmpty()
                .isEqualTo(new DailyScan(settings).run(locations, LAST, counts, 2));
    }

    /** A scanner holding the study period ending on {@code day}, as DailyScan fills it. */
    private static IncrementalProspectiveScan fill(List<ScanLocation> locations, ScanSettings s, LocalDate day,
            Map<LocalDate, Map<String, Integer>> counts) {
        IncrementalProspectiveScan scan = new IncrementalProspectiveScan(locations, CoordinateSystem.LAT_LON,
                s.maxRadiusKm(), s.maxFraction(), s.studyDays(), s.maxDays(), s.minCases());
        for (int back = s.studyDays() - 1; back >= 0; back--) {
            scan.addDay(day.minusDays(back), counts.getOrDefault(day.minusDays(back), Map.of()));
        }
        return scan;
    }

    @Test
    void noCasesNoClusters() {
        List<ScanLocation> locations = List.of(new ScanLocation("A", 51.47, -3.2), new ScanLocation("B", 51.48, -3.2));
        assertThat(new DailyScan(ScanSettings.defaults()).run(locations, LAST, Map.of(), 1)).isEmpty();
    }
}
