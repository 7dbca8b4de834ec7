package org.ember.geo.scan;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The daily prospective space-time permutation scan for the stream, updated one day at a time
 * without rescanning history.
 *
 * <p>State: a ring of the last {@code studyDays} days holding each location's count per day
 * ({@code L × studyDays} ints), the running per-location totals over those days and the per-day
 * totals. {@link #addDay} overwrites the oldest day of the ring and adjusts the totals, so it costs
 * O(L). The neighbour order of every centre (the O(L² log L) part) is computed once.
 *
 * <p>{@link #scan} then evaluates only what a prospective analysis needs: cylinders alive on the
 * latest day (the last {@code maxDays} days of the ring) with expected counts from the sliding
 * study period's margins, plus {@code B} permutation replicates that only redistribute the cases
 * dated in those last days (a partial shuffle of O(cases in window) per replicate). Its results
 * equal a full {@link KulldorffScan} prospective run over the same study period and seed.
 *
 * <p>Reuse across days: build one per area with every location it may ever see (cells without cases
 * cost one skipped check per neighbour and never change the answer), then per day {@link #addDay},
 * {@link #reviseDay} for late or corrected days still in the study period, and
 * {@link #scan(ScanInference, long)} with the caller's executor. Not thread-safe: one caller at a time.
 */
public final class IncrementalProspectiveScan {
    private final List<ScanLocation> locations;
    private final NeighbourIndex neighbours;
    private final int[] byId;
    private final int maxDays;
    private final double maxFraction;
    private final int minCases;
    private final int studyDays;
    private DailyCountRing ring;

    public IncrementalProspectiveScan(List<ScanLocation> locations, CoordinateSystem coordinates, double maxRadius,
            double maxFraction, int studyDays, int maxDays, int minCases) {
        if (maxDays < 1 || maxDays > studyDays) {
            throw new IllegalArgumentException("need 1 <= maxDays <= studyDays");
        }
        this.locations = List.copyOf(locations);
        this.studyDays = studyDays;
        this.ring = new DailyCountRing(this.locations, studyDays);
        this.neighbours = new NeighbourIndex(this.locations, coordinates, maxRadius);
        this.byId = KulldorffScan.byId(this.locations);
        this.maxDays = maxDays;
        this.maxFraction = maxFraction;
        this.minCases = minCases;
    }

    /** Appends the next day's counts per location id (days must be consecutive). */
    public void addDay(LocalDate day, Map<String, Integer> counts) {
        ring.addDay(day, counts);
    }

    /**
     * Forgets every day, keeping the neighbour index (the costly part): for a caller that missed a
     * day and refills the study period with {@link #addDay}.
     */
    public void restart() {
        ring = new DailyCountRing(locations, studyDays);
    }

    /** Days currently in the study period (at most studyDays). */
    public int daysInStudy() {
        return ring.daysHeld();
    }

    /**
     * Replaces the counts of a day already in the study period (late, corrected or cancelled
     * records), so a scanner kept across days need not be refilled. Costs O(L).
     */
    public void reviseDay(LocalDate day, Map<String, Integer> counts) {
        ring.reviseDay(day, counts);
    }

    /** The latest day added, or null before the first. */
    public LocalDate lastDay() {
        return ring.lastDay();
    }

    /** Prospective scan ending on the latest day: all replications in the calling thread, Gumbel tail beyond. */
    public ScanResult scan(int replications, long seed) {
        return scan(ScanInference.sequential(replications), seed);
    }

    /**
     * Prospective scan ending on the latest day with the given inference (early stopping, Gumbel
     * p-values, the caller's executor). Equals a {@link KulldorffScan} prospective space-time
     * permutation run over the same study period, seed and inference, whatever location list either
     * was given: locations without a case in the study period are neither centres nor members.
     */
    public ScanResult scan(ScanInference inference, long seed) {
        int locs = ring.locations();
        long total = ring.total();
        if (total == 0) {
            return new ScanResult(locs, total, List.of(), new double[0]);
        }
        int axisDays = Math.min(maxDays, daysInStudy());
        int[][] axis = new int[locs][axisDays];
        long[] axisTotals = new long[axisDays];
        for (int a = 0; a < axisDays; a++) {
            int back = axisDays - 1 - a;
            axisTotals[a] = ring.dayTotal(back);
            for (int z = 0; z < locs; z++) {
                axis[z][a] = ring.count(z, back);
            }
        }
        double[] weight = new double[locs];
        boolean[] member = new boolean[locs];
        for (int z = 0; z < locs; z++) {
            weight[z] = (double) ring.locationTotal(z) / total;
            member[z] = ring.locationTotal(z) > 0;
        }
        int[] start = new int[axisDays];
        int[] end = new int[axisDays];
        double[] mass = new double[axisDays];
        long suffix = 0;
        for (int len = 1; len <= axisDays; len++) {
            start[len - 1] = axisDays - len;
            end[len - 1] = axisDays - 1;
            suffix += axisTotals[axisDays - len];
            mass[len - 1] = suffix;
        }
        CylinderScanner scanner = new CylinderScanner(neighbours, axisDays, start, end, mass, total, minCases, true);
        CylinderScanner.Candidate[] perCentre = new CylinderScanner.Candidate[locs];
        double observed = scanner.scan(axis, weight, maxFraction, perCentre);

        int[] caseLocation = new int[(int) total];
        int i = 0;
        for (int z : byId) {
            for (long k = 0; k < ring.locationTotal(z); k++) {
                caseLocation[i++] = z;
            }
        }
        long windowCases = Arrays.stream(axisTotals).sum();
        int[] axisCaseDays = new int[(int) windowCases];
        int k = 0;
        for (int a = 0; a < axisDays; a++) {
            for (long n = 0; n < axisTotals[a]; n++) {
                axisCaseDays[k++] = a;
            }
        }
        Replications.Outcome outcome = Replications.run(inference, observed, seed,
                t -> KulldorffScan.permutationWorker(caseLocation, axisCaseDays, locs, axisDays, scanner, weight,
                        maxFraction));
        LocalDate firstAxisDay = ring.lastDay().minusDays(axisDays - 1);
        List<ScanCluster> clusters = ClusterReporter.report(perCentre, neighbours, locations, member, start, end,
                ClusterReporter.Inference.of(outcome, inference.gumbel()), true, d -> firstAxisDay.plusDays(d));
        return new ScanResult(locs, total, clusters, outcome.maxima());
    }
}
