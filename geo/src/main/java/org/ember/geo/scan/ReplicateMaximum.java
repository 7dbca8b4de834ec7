package org.ember.geo.scan;

import java.util.Arrays;

/**
 * The largest LLR of a space-time permutation replicate of a prospective scan (every window ends on
 * the last axis day): the same double {@link CylinderScanner#scanCased} returns, with less work. A
 * replicate needs only its maximum, not each centre's best cylinder:
 *
 * <ul>
 *   <li>The circles are the same in every replicate of a day (the weights are the study period's
 *       margins, which a permutation keeps): each centre's steps up to the largest share, with the
 *       share after each step summed exactly as the scanner sums it, are listed once, with the
 *       logarithm of each share, and inverted into the centres holding each location. A replicate
 *       visits only the centres around its cased locations and, in them, only the steps that add a
 *       case (the scanner skips the others too: same count, larger expectation).
 *   <li>A window's LLR is computed only when a cheap upper bound of it could beat the maximum so
 *       far. With c cases of T, expected e &lt; c, LLR = c ln(c/e) + (T − c) ln((T − c)/(T − e)),
 *       and ln y ≤ y − 1 bounds the second term by −(c − e)(T − c)/(T − e) ≤ −(c − e)(T − c)/T;
 *       the first is c ln c − c (ln share + ln mass) with both logarithms computed once per day.
 *       The bound is within about (c − e)²/T of the LLR, so few windows beyond the best ones pass.
 *   <li>A window that adds no case of its oldest day has the count of the next shorter window and
 *       an expected count no smaller; the LLR and the bound both fall as the expectation grows (for
 *       e &lt; c), so when the shorter window was skipped (below the minimum, not above its
 *       expectation, or its bound too low) this one is skipped too.
 * </ul>
 *
 * <p>Exactness: a skipped window's bound, as computed (or that of the shorter window it follows),
 * is at most the maximum so far minus {@link #slack}. The slack exceeds the rounding error of a
 * computed LLR plus that of a computed bound (each some 15 roundings of terms no larger than
 * 2(T + 1)(ln(T + 1) + 1), since every count is at most T and every expected count at least 1/T:
 * a cased location's share times a window holding a case) by a factor of hundreds, so a skipped
 * window's computed LLR is below the maximum and taking it would not change it. The maximum of a
 * set does not depend on the order it is taken in, so visiting centres in another order changes
 * nothing either. Immutable once built; {@link #worker} gives each thread its scratch space.
 */
final class ReplicateMaximum {
    private final int axisDays;
    /** Expected-count mass of the window of length len at index len (the scanner's windowMass), and its log. */
    private final double[] massByLength;
    private final double[] logMass;
    private final long total;
    private final int minCases;
    private final double[] cLogC;
    private final double slack;
    private final double inverseTotal;
    /** Capped circles: centre c's step k adds stepLocation[c][k] and reaches share stepShare[c][k]. */
    private final int[][] stepLocation;
    private final double[][] stepShare;
    private final double[][] stepLogShare;
    /** For location z, the centres whose capped circle holds it: memberCentre[memberStart[z] ..]. */
    private final int[] memberStart;
    private final int[] memberCentre;

    private ReplicateMaximum(int axisDays, double[] massByLength, long total, int minCases, double[] cLogC,
            int[][] stepLocation, double[][] stepShare) {
        this.axisDays = axisDays;
        this.massByLength = massByLength;
        this.total = total;
        this.minCases = minCases;
        this.cLogC = cLogC;
        this.stepLocation = stepLocation;
        this.stepShare = stepShare;
        this.logMass = new double[massByLength.length];
        for (int len = 1; len < massByLength.length; len++) {
            logMass[len] = Math.log(massByLength[len]);
        }
        this.stepLogShare = new double[stepShare.length][];
        for (int c = 0; c < stepShare.length; c++) {
            stepLogShare[c] = new double[stepShare[c].length];
            for (int k = 0; k < stepShare[c].length; k++) {
                stepLogShare[c][k] = Math.log(stepShare[c][k]);
            }
        }
        this.inverseTotal = 1.0 / total;
        this.slack = Math.scalb((total + 1.0) * (Math.log(total + 1.0) + 1), -38);
        int n = stepLocation.length;
        int[] count = new int[n + 1];
        for (int[] steps : stepLocation) {
            for (int z : steps) {
                count[z + 1]++;
            }
        }
        for (int z = 0; z < n; z++) {
            count[z + 1] += count[z];
        }
        memberStart = count.clone();
        memberCentre = new int[count[n]];
        int[] at = Arrays.copyOf(count, n);
        for (int c = 0; c < n; c++) {
            for (int z : stepLocation[c]) {
                memberCentre[at[z]++] = c;
            }
        }
    }

    /**
     * The replicate maxima of a scanner whose windows are the prospective ones (window w the last
     * w + 1 days), or null when they are not.
     */
    static ReplicateMaximum of(NeighbourIndex neighbours, int axisDays, int[] windowStart, int[] windowEnd,
            double[] windowMass, long total, int minCases, boolean skipEmpty, double[] cLogC, double[] weight,
            double maxFraction) {
        if (windowStart.length != axisDays) {
            return null;
        }
        double[] massByLength = new double[axisDays + 1];
        for (int w = 0; w < axisDays; w++) {
            if (windowEnd[w] != axisDays - 1 || windowStart[w] != axisDays - 1 - w) {
                return null;
            }
            massByLength[w + 1] = windowMass[w];
        }
        int n = neighbours.size();
        int[][] stepLocation = new int[n][];
        double[][] stepShare = new double[n][];
        int[] locs = new int[n];
        double[] shares = new double[n];
        for (int c = 0; c < n; c++) {
            int steps = 0;
            if (!(skipEmpty && weight[c] == 0)) {
                // The scanner's walk, share for share: the same sum in the same order gives the same cut.
                double share = 0;
                for (int loc : neighbours.order(c)) {
                    if (skipEmpty && weight[loc] == 0) {
                        continue;
                    }
                    share += weight[loc];
                    if (share > maxFraction * (1 + 1e-12)) {
                        break;
                    }
                    locs[steps] = loc;
                    shares[steps] = share;
                    steps++;
                }
            }
            stepLocation[c] = Arrays.copyOf(locs, steps);
            stepShare[c] = Arrays.copyOf(shares, steps);
        }
        return new ReplicateMaximum(axisDays, massByLength, total, minCases, cLogC, stepLocation, stepShare);
    }

    /** One thread's scratch space. */
    Worker worker() {
        return new Worker();
    }

    /** Computes replicate maxima one at a time. */
    final class Worker {
        private final boolean[] cased = new boolean[stepLocation.length];
        private final boolean[] touched = new boolean[stepLocation.length];
        private final int[] distinct = new int[stepLocation.length];
        private final int[] centres = new int[stepLocation.length];
        private final long[] circle = new long[axisDays];

        /**
         * The largest LLR of the counts {@code counts[location][axisDay]} whose cased locations are
         * {@code casedAt[0 .. casedCount)} (repeats allowed), every other row being 0; 0 when no
         * window has more cases than expected and at least the minimum.
         */
        double maximum(int[][] counts, int[] casedAt, int casedCount) {
            return maximum(counts, casedAt, casedCount, Double.POSITIVE_INFINITY);
        }

        /**
         * {@link #maximum(int[][], int[], int)}, or, once a window reaches {@code enough}, the
         * largest LLR found until then (at least {@code enough}, at most the maximum): for a caller
         * that only asks whether the maximum reaches it.
         */
        double maximum(int[][] counts, int[] casedAt, int casedCount, double enough) {
            int distinctCount = 0;
            int centreCount = 0;
            for (int i = 0; i < casedCount; i++) {
                int z = casedAt[i];
                if (cased[z]) {
                    continue;
                }
                cased[z] = true;
                distinct[distinctCount++] = z;
                for (int m = memberStart[z], end = memberStart[z + 1]; m < end; m++) {
                    int c = memberCentre[m];
                    if (!touched[c]) {
                        touched[c] = true;
                        centres[centreCount++] = c;
                    }
                }
            }
            double best = 0;
            for (int i = 0; i < centreCount; i++) {
                int c = centres[i];
                touched[c] = false;
                int[] locations = stepLocation[c];
                Arrays.fill(circle, 0);
                long inCircle = 0;
                for (int k = 0; k < locations.length; k++) {
                    int z = locations[k];
                    if (!cased[z]) {
                        continue;
                    }
                    int[] row = counts[z];
                    for (int d = 0; d < axisDays; d++) {
                        circle[d] += row[d];
                        inCircle += row[d];
                    }
                    if (inCircle >= minCases) {
                        best = windows(stepShare[c][k], stepLogShare[c][k], best);
                    }
                }
                if (best >= enough) {
                    for (int j = i + 1; j < centreCount; j++) {
                        touched[centres[j]] = false;
                    }
                    break;
                }
            }
            for (int i = 0; i < distinctCount; i++) {
                cased[distinct[i]] = false;
            }
            return best;
        }

        /** The maximum of {@code best} and the LLRs of the circle's windows at {@code share}. */
        private double windows(double share, double logShare, double best) {
            long observed = 0;
            boolean shorterSkipped = true;
            for (int len = 1; len <= axisDays; len++) {
                long added = circle[axisDays - len];
                observed += added;
                if (added == 0 && shorterSkipped) {
                    continue; // the shorter window's count, a larger expectation: skipped for the same reason
                }
                shorterSkipped = true;
                if (observed < minCases) {
                    continue;
                }
                double expected = share * massByLength[len];
                if (observed <= expected) {
                    continue;
                }
                double bound = cLogC[(int) observed] - observed * (logShare + logMass[len])
                        - (observed - expected) * (total - observed) * inverseTotal;
                if (bound <= best - slack) {
                    continue; // see the class comment: its LLR cannot exceed best
                }
                shorterSkipped = false;
                double llr = llr(observed, expected);
                if (llr > best) {
                    best = llr;
                }
            }
            return best;
        }
    }

    /** {@link CylinderScanner}'s LLR, operation for operation. */
    private double llr(long c, double e) {
        double v = cLogC[(int) c] - c * Math.log(e);
        if (total > c) {
            v += cLogC[(int) (total - c)] - (total - c) * Math.log(total - e);
        }
        return v;
    }
}
