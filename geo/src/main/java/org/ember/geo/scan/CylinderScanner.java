package org.ember.geo.scan;

/**
 * The scanning loop shared by every model and analysis. Time is an "axis" of A days (the whole
 * study period, or for a prospective analysis only its last maxDays days, since only cylinders
 * ending on the last day are alive); a window is a run of axis days. For a circle with population
 * share W and a window with time mass M the expected count is E = W·M, where M is the cases on those
 * days (space-time permutation) or C·len/T (Poisson); the circle's observed count c is summed over
 * its locations and the window's days. Circles grow location by location in order of distance and,
 * as in SaTScan, every step is a window of its own, also inside a ring of equal distances (the
 * neighbour order breaks ties as SaTScan does), while W ≤ maxFraction. A circle whose counts did
 * not change since the last evaluated one is skipped (its E is not smaller, so no window can do
 * strictly better, and SaTScan keeps the first of equal windows); in a replicate most locations have
 * no case in the last days, so this skips most circles.
 *
 * <p>With {@code skipEmpty} (the space-time permutation model) a location whose weight is 0 — no
 * case anywhere in the study period — is neither a centre nor a member: its step would repeat the
 * previous circle. So the answer does not depend on whether the location list holds such cells.
 */
final class CylinderScanner {
    private final NeighbourIndex neighbours;
    private final int axisDays;
    private final int[] windowStart;
    private final int[] windowEnd;
    private final double[] windowMass;
    private final long total;
    private final int minCases;
    private final boolean skipEmpty;
    /** c·ln c for every possible c, so that an LLR costs two logarithms instead of four. */
    private final double[] cLogC;
    private ReplicateMaximum replicates;
    private double[] replicatesWeight;
    private double replicatesFraction;

    CylinderScanner(NeighbourIndex neighbours, int axisDays, int[] windowStart, int[] windowEnd,
            double[] windowMass, long total, int minCases) {
        this(neighbours, axisDays, windowStart, windowEnd, windowMass, total, minCases, false);
    }

    CylinderScanner(NeighbourIndex neighbours, int axisDays, int[] windowStart, int[] windowEnd,
            double[] windowMass, long total, int minCases, boolean skipEmpty) {
        this.skipEmpty = skipEmpty;
        this.neighbours = neighbours;
        this.axisDays = axisDays;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.windowMass = windowMass;
        this.total = total;
        this.minCases = minCases;
        this.cLogC = new double[(int) total + 1];
        for (int c = 1; c <= total; c++) {
            cLogC[c] = c * Math.log(c);
        }
    }

    /**
     * The faster way to a replicate's maximum ({@link ReplicateMaximum}) for these weights, or null
     * when the windows are not the prospective ones; built once per scanner (a day) and shared by
     * the replication tasks, each with its own {@link ReplicateMaximum#worker}.
     */
    synchronized ReplicateMaximum replicates(double[] weight, double maxFraction) {
        if (replicates == null || replicatesWeight != weight || replicatesFraction != maxFraction) {
            replicates = ReplicateMaximum.of(neighbours, axisDays, windowStart, windowEnd, windowMass, total, minCases,
                    skipEmpty, cLogC, weight, maxFraction);
            replicatesWeight = weight;
            replicatesFraction = maxFraction;
        }
        return replicates;
    }

    /** {@link KulldorffScan#poissonLlr} with the c·ln c terms from the table. */
    private double llr(long c, double e) {
        double v = cLogC[(int) c] - c * Math.log(e);
        if (total > c) {
            v += cLogC[(int) (total - c)] - (total - c) * Math.log(total - e);
        }
        return v;
    }

    /** Best cylinder of one centre. */
    record Candidate(int centre, int locationsIncluded, int window, long observed, double expected, double llr) {}

    /**
     * Scans all centres.
     *
     * @param counts counts[location][axisDay]
     * @param weight population share of each location (sums to 1)
     * @param maxFraction largest circle share
     * @param perCentre if non-null, receives each centre's best cylinder (null when none has LLR &gt; 0)
     * @return the largest LLR over all cylinders (0 if none)
     */
    double scan(int[][] counts, double[] weight, double maxFraction, Candidate[] perCentre) {
        int n = neighbours.size();
        // Locations with a case on the axis, and the centres whose circle can hold one: neighbour
        // lists are cut by radius only, so they are symmetric and the centres around a location are
        // its own neighbour list. In a replicate few locations have a case in the last days, so most
        // centres and most steps are skipped without reading their day rows.
        boolean[] nonZero = new boolean[n];
        boolean[] live = new boolean[n];
        for (int z = 0; z < n; z++) {
            int[] row = counts[z];
            for (int d = 0; d < axisDays; d++) {
                if (row[d] != 0) {
                    nonZero[z] = true;
                    for (int c : neighbours.order(z)) {
                        live[c] = true;
                    }
                    break;
                }
            }
        }
        return scan(counts, weight, maxFraction, perCentre, nonZero, live);
    }

    /**
     * {@link #scan(int[][], double[], double, Candidate[])} of counts whose locations with a case on
     * the axis are known: {@code cased[0 .. casedCount)} (repeats allowed), every other location's
     * row being all 0. A replicate deals its few axis cases out itself, so it need not look through
     * every location's row for them (that search was most of a replicate's time).
     */
    double scanCased(int[][] counts, double[] weight, double maxFraction, int[] cased, int casedCount) {
        int n = neighbours.size();
        boolean[] nonZero = new boolean[n];
        boolean[] live = new boolean[n];
        for (int k = 0; k < casedCount; k++) {
            int z = cased[k];
            if (!nonZero[z]) {
                nonZero[z] = true;
                for (int c : neighbours.order(z)) {
                    live[c] = true;
                }
            }
        }
        return scan(counts, weight, maxFraction, null, nonZero, live);
    }

    private double scan(int[][] counts, double[] weight, double maxFraction, Candidate[] perCentre, boolean[] nonZero,
            boolean[] live) {
        int n = neighbours.size();
        long[] circle = new long[axisDays];
        long[] prefix = new long[axisDays + 1];
        double best = 0;
        for (int c = 0; c < n; c++) {
            if (!live[c]) {
                if (perCentre != null) {
                    perCentre[c] = null;
                }
                continue;
            }
            if (skipEmpty && weight[c] == 0) {
                if (perCentre != null) {
                    perCentre[c] = null;
                }
                continue;
            }
            java.util.Arrays.fill(circle, 0);
            int[] order = neighbours.order(c);
            double share = 0;
            double centreBest = 0;
            Candidate centreCandidate = null;
            for (int k = 0; k < order.length; k++) {
                int loc = order[k];
                if (skipEmpty && weight[loc] == 0) {
                    continue;
                }
                share += weight[loc];
                if (share > maxFraction * (1 + 1e-12)) {
                    break;
                }
                if (!nonZero[loc]) {
                    // Same counts as at the last evaluated circle but a larger expected count: every
                    // window's LLR can only be lower, so there is nothing to evaluate.
                    continue;
                }
                int[] row = counts[loc];
                for (int d = 0; d < axisDays; d++) {
                    circle[d] += row[d];
                }
                for (int d = 0; d < axisDays; d++) {
                    prefix[d + 1] = prefix[d] + circle[d];
                }
                if (prefix[axisDays] < minCases) {
                    continue; // no window of the axis holds enough cases
                }
                for (int w = 0; w < windowStart.length; w++) {
                    long observed = prefix[windowEnd[w] + 1] - prefix[windowStart[w]];
                    if (observed < minCases) {
                        continue;
                    }
                    double expected = share * windowMass[w];
                    if (observed <= expected) {
                        continue;
                    }
                    double llr = llr(observed, expected);
                    if (llr > centreBest) {
                        centreBest = llr;
                        if (perCentre != null) {
                            centreCandidate = new Candidate(c, k + 1, w, observed, expected, llr);
                        }
                    }
                }
            }
            if (perCentre != null) {
                perCentre[c] = centreCandidate;
            }
            best = Math.max(best, centreBest);
        }
        return best;
    }
}
