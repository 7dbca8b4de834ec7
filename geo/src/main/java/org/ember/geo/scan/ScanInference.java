package org.ember.geo.scan;

import java.util.concurrent.Executor;

/**
 * How a scan's Monte Carlo inference runs.
 *
 * @param replications most replications B (999 as in SaTScan); 0 = no inference
 * @param earlyStop sequential Monte Carlo (Besag &amp; Clifford 1991, SaTScan's "early termination"):
 *     stop as soon as this many replicate maxima reach the most likely cluster's LLR, with
 *     p = earlyStop / replications run; 0 = always run all B
 * @param gumbel also fit a Gumbel distribution to the replicate maxima (method of moments, as SaTScan)
 *     and use its tail for p-values the replications cannot resolve (no replicate reached the cluster),
 *     so that a prospective recurrence interval is not capped at B + 1 days
 * @param executor where replications run; null = the calling thread. Never defaults to the common
 *     ForkJoin pool: the caller decides what the scan may compete with.
 * @param parallelism how many replication tasks run at once on {@code executor} (≥ 1); the results do
 *     not depend on it (each replicate has its own random stream, split in replicate order)
 * @param cutExceedances with {@code earlyStop}: a replicate stops as soon as its maximum reaches the
 *     most likely cluster's LLR, for the stopping rule only counts such replicates. A run that stops
 *     early then holds, for those replicates, a value at least that LLR rather than their maximum
 *     (so every cluster's exceedance count, p-value and recurrence interval are the same, the
 *     Gumbel fit over the maxima is not); a run that does not stop computes them again in full, so
 *     its outcome is the same in every respect
 */
public record ScanInference(int replications, int earlyStop, boolean gumbel, Executor executor, int parallelism,
        boolean cutExceedances) {
    public ScanInference {
        if (replications < 0 || earlyStop < 0 || parallelism < 1) {
            throw new IllegalArgumentException("replications >= 0, earlyStop >= 0 and parallelism >= 1 needed");
        }
        if (executor == null && parallelism != 1) {
            throw new IllegalArgumentException("parallelism > 1 needs an executor");
        }
    }

    /** Every replicate's maximum computed in full. */
    public ScanInference(int replications, int earlyStop, boolean gumbel, Executor executor, int parallelism) {
        this(replications, earlyStop, gumbel, executor, parallelism, false);
    }

    /** All B replications in the calling thread, with the Gumbel tail beyond them. */
    public static ScanInference sequential(int replications) {
        return new ScanInference(replications, 0, true, null, 1);
    }

    /** The same inference with early stopping after {@code exceedances} replicate maxima reach the observed. */
    public ScanInference withEarlyStop(int exceedances) {
        return new ScanInference(replications, exceedances, gumbel, executor, parallelism, cutExceedances);
    }

    /** The same inference on {@code executor} with {@code parallelism} tasks at once. */
    public ScanInference on(Executor executor, int parallelism) {
        return new ScanInference(replications, earlyStop, gumbel, executor, parallelism, cutExceedances);
    }

    /**
     * The same inference with replicates that reaching the observed LLR stop there
     * ({@code cutExceedances}): for a caller that reads only the clusters' exceedance counts (their
     * p-values and recurrence intervals) of a run that stops early.
     */
    public ScanInference cuttingExceedances() {
        return new ScanInference(replications, earlyStop, gumbel, executor, parallelism, true);
    }
}
